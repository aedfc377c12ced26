using BenchmarkDotNet.Attributes;
using OllyStack.Benchmarks.Workloads;
using OllyStack.Storage.Codecs;
using OllyStack.Storage;
using OllyStack.Storage.Metrics.Parts;

namespace OllyStack.Benchmarks.Storage;

/// <summary>
/// The metric part paths, per sample (OperationsPerInvoke): a flush writing 10,000 series of 30 samples (5 minutes
/// at 10 s) to an LZ4 part with the fast encodings, a merge of four such parts (consecutive 5-minute spans) into one part, fast or compact (<see cref="Final"/>), and a
/// query-style read of one series' last 5 minutes out of a merged part of 20 minutes. The disk is the OS page cache
/// (no fsync cost is hidden: the writer fsyncs, and that is in the figure). Bytes per sample of both parts are
/// printed in GlobalSetup.
/// </summary>
[MemoryDiagnoser]
public class MetricPartBenchmarks
{
    private const int Series = 10_000;
    private const int SamplesPerSeries = 30;
    private const long IntervalMs = 10_000;

    private readonly SampleScratch scratch = new();
    private readonly List<long> readTimestamps = [];
    private readonly List<double> readValues = [];
    private string directory = "";
    private (long[] Timestamps, double[] Values)[][] spans = [];
    private List<MetricPart> sources = [];
    private MetricPart merged = null!;
    private long sequence = 100;

    /// <summary>False: a level-1 merge (fast encodings, LZ4); true: a compact one (smallest encodings, Zstandard).</summary>
    [Params(false, true)]
    public bool Final { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        directory = Directory.CreateTempSubdirectory("ollystack-part-bench-").FullName;
        var shapes = Enum.GetValues<SampleShape>();
        spans = Enumerable.Range(0, 4).Select(span => Enumerable.Range(0, Series).Select(s =>
        {
            var timestamps = SampleSeries.Timestamps(SamplesPerSeries).Select(t => t + span * SamplesPerSeries * IntervalMs).ToArray();
            return (timestamps, SampleSeries.Values(shapes[s % shapes.Length], SamplesPerSeries * 4)[(span * SamplesPerSeries)..((span + 1) * SamplesPerSeries)]);
        }).ToArray()).ToArray();
        sources = Enumerable.Range(0, 4).Select(span => Write(new PartId(span, span), spans[span])).ToList();
        merged = PartMerger.Merge(sources, directory, final: true, CancellationToken.None);
        var samples = (double)Series * SamplesPerSeries;
        Console.WriteLine($"// flushed part: {sources[0].Length / samples:F3} bytes/sample; merged part of 4: {merged.Length / (4 * samples):F3} bytes/sample");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var part in sources.Append(merged)) part.Close();
        scratch.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Series * SamplesPerSeries)]
    public long Flush()
    {
        var part = Write(new PartId(sequence, sequence), spans[0]);
        sequence++;
        part.Retire();
        return part.Length;
    }

    [Benchmark(OperationsPerInvoke = 4 * Series * SamplesPerSeries)]
    public long Merge()
    {
        var part = PartMerger.Merge(sources, Path.Combine(directory, "merges"), Final, CancellationToken.None);
        part.Retire();
        return part.Length;
    }

    [Benchmark(OperationsPerInvoke = SamplesPerSeries)]
    public int ReadLastFiveMinutes()
    {
        readTimestamps.Clear();
        readValues.Clear();
        merged.Read(4_321, merged.Header.MaxTimestamp - 5 * 60_000 + 1, merged.Header.MaxTimestamp, scratch, readTimestamps, readValues);
        return readTimestamps.Count;
    }

    private MetricPart Write(PartId id, (long[] Timestamps, double[] Values)[] series)
    {
        using var writer = new MetricPartWriter(Path.Combine(directory, "flushes"), id, 0, BlockCompression.Lz4, EncodingEffort.Fast);
        for (var s = 0; s < series.Length; s++) writer.AddSeries((uint)s, series[s].Timestamps, series[s].Values);
        return writer.Complete()!;
    }
}
