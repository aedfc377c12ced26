using BenchmarkDotNet.Attributes;
using OllyStack.Benchmarks.Workloads;
using OllyStack.Storage.Codecs;

namespace OllyStack.Benchmarks.Storage;

/// <summary>
/// Encode and decode of one 8192-sample block of one series, timestamps every 10 s without jitter. Figures are per
/// sample (OperationsPerInvoke). Encoder and decoder are reused as a part writer and a query reuse them, so
/// "Allocated" is the hot path's allocation: 0 B. Bytes per sample are printed once per case in GlobalSetup, also for
/// timestamps with ±2 ms of scrape jitter.
/// </summary>
[MemoryDiagnoser]
public class SampleBlockBenchmarks
{
    private const int Samples = 8192;

    private SampleBlockEncoder encoder = null!;
    private readonly SampleBlockDecoder decoder = new();
    private readonly byte[] buffer = new byte[SampleBlockFormat.MaxEncodedLength(Samples)];
    private readonly long[] decodedTimestamps = new long[Samples];
    private readonly double[] decodedValues = new double[Samples];
    private long[] timestamps = [];
    private double[] values = [];
    private byte[] block = [];

    [Params(SampleShape.Counter, SampleShape.NoisyGauge, SampleShape.RandomGauge)]
    public SampleShape Shape { get; set; }

    [Params(BlockCompression.None, BlockCompression.Lz4, BlockCompression.Zstandard)]
    public BlockCompression Compression { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        encoder = new SampleBlockEncoder(Compression);
        timestamps = SampleSeries.Timestamps(Samples);
        values = SampleSeries.Values(Shape, Samples);
        block = buffer[..encoder.Encode(timestamps, values, buffer)];
        var jittered = encoder.Encode(SampleSeries.Timestamps(Samples, jitterMs: 2), values, buffer);
        var header = SampleBlockHeader.Read(block);
        Console.WriteLine($"// {Shape} {Compression}: {(double)block.Length / Samples:F3} bytes/sample " +
                          $"({header.TimestampEncoding}/{header.ValueEncoding}/{header.Compression}); " +
                          $"with ±2 ms timestamp jitter {(double)jittered / Samples:F3} bytes/sample");
    }

    [GlobalCleanup]
    public void Cleanup() => encoder.Dispose();

    [Benchmark(OperationsPerInvoke = Samples)]
    public int Encode() => encoder.Encode(timestamps, values, buffer);

    [Benchmark(OperationsPerInvoke = Samples)]
    public int Decode()
    {
        decoder.Decode(block, decodedTimestamps, decodedValues, out var count);
        return count;
    }
}
