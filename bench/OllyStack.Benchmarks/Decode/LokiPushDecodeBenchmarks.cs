using BenchmarkDotNet.Attributes;
using OllyStack.Benchmarks.Workloads;
using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Ingest.Loki;
using OllyStack.Testing;
using Snappier;

namespace OllyStack.Benchmarks.Decode;

/// <summary>
/// The Loki push receiver's CPU path per line, without the network: decompress (snappy protobuf), decode into a
/// pooled log batch, and optionally serialize the batch into the bytes the log stores. The request is what a shipper
/// sends for LogHub: the first 64 raw lines of each of the 16 systems, one stream per system and level, 1 ms apart.
/// Batches and buffers are reused as the server reuses them, so "Allocated" is per line of the decode path (target 0 B).
/// The median is reported beside the mean because the benchmark machine is shared.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LokiPushDecodeBenchmarks
{
    private const int LinesPerSystem = 64;
    private const int Lines = LinesPerSystem * 16;
    private const long ObservedUnixNano = 1_795_478_400_000_000_000;
    private readonly LogBatch _logs = new();
    private readonly byte[] _scratch = new byte[16 * 1024 * 1024];
    private byte[] _snappy = [];
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        var loghub = LoghubRawLog.DefaultDirectory();
        var streams = LoghubSystem.Names.SelectMany(system => LoghubPushStreams.Of(system,
            LoghubRawLog.Read(loghub, system).Lines.Take(LinesPerSystem).Select((line, i) => (ObservedUnixNano - (LinesPerSystem - i) * 1_000_000L, line)))).ToList();
        if (streams.Sum(s => s.Entries.Count) != Lines) throw new InvalidOperationException($"expected {Lines} lines");
        var protobuf = LokiPushRequests.Protobuf(streams);
        _snappy = Snappy.CompressToArray(protobuf);
        _json = LokiPushRequests.Json(streams);
        var text = streams.Sum(s => s.Entries.Sum(e => (long)System.Text.Encoding.UTF8.GetByteCount(e.Line)));
        Console.WriteLine($"// {streams.Count} streams, {Lines} lines; bytes per line: text {text / (double)Lines:F1}, protobuf {protobuf.Length / (double)Lines:F1} " +
                          $"(snappy {_snappy.Length / (double)Lines:F1}), JSON {_json.Length / (double)Lines:F1}; logged {SnappyProtobufDecodeSerialize() / (double)Lines:F1}");
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int SnappyProtobufDecode()
    {
        var length = Snappy.Decompress(_snappy, _scratch);
        _logs.Clear();
        LokiPushProtobufDecoder.Decode(_scratch.AsSpan(0, length), _logs, ObservedUnixNano);
        return _logs.RecordCount;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int SnappyProtobufDecodeSerialize()
    {
        var length = Snappy.Decompress(_snappy, _scratch);
        _logs.Clear();
        LokiPushProtobufDecoder.Decode(_scratch.AsSpan(0, length), _logs, ObservedUnixNano);
        return BatchCodec.Write(_logs, _scratch.AsSpan(length));
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int JsonDecode()
    {
        _logs.Clear();
        LokiPushJsonDecoder.Decode(_json, _logs, ObservedUnixNano);
        return _logs.RecordCount;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int JsonDecodeSerialize()
    {
        _logs.Clear();
        LokiPushJsonDecoder.Decode(_json, _logs, ObservedUnixNano);
        return BatchCodec.Write(_logs, _scratch);
    }
}
