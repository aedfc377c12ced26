using OllyStack.Storage.Codecs;
using OllyStack.Storage.Metrics.Parts;

namespace OllyStack.Storage.Tests.Metrics.Parts;

/// <summary>Writes parts for tests: series given as ref and (timestamp, value) samples.</summary>
internal static class PartFiles
{
    public static MetricPart Write(string directory, PartId id, int level, params (uint Ref, (long T, double V)[] Samples)[] series) =>
        Write(directory, id, level, BlockCompression.Lz4, series);

    public static MetricPart Write(string directory, PartId id, int level, BlockCompression compression, params (uint Ref, (long T, double V)[] Samples)[] series)
    {
        using var writer = new MetricPartWriter(directory, id, level, compression);
        foreach (var (seriesRef, samples) in series)
            writer.AddSeries(seriesRef, samples.Select(s => s.T).ToArray(), samples.Select(s => s.V).ToArray());
        return writer.Complete()!;
    }

    public static (long T, double V)[] Samples(long from, long step, int count, Func<int, double>? value = null) =>
        Enumerable.Range(0, count).Select(i => (from + i * step, value?.Invoke(i) ?? i)).ToArray();

    public static List<(long, double)> Read(MetricPart part, uint seriesRef, long min = long.MinValue, long max = long.MaxValue)
    {
        using var scratch = new SampleScratch();
        List<long> timestamps = [];
        List<double> values = [];
        part.Read(seriesRef, min, max, scratch, timestamps, values);
        return timestamps.Zip(values).ToList();
    }
}
