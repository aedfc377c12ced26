namespace OllyStack.Storage.Metrics.Parts;

/// <summary>
/// Merges adjacent parts of one partition into one part, written as <see cref="MergePolicy.CodecFor"/> says: series
/// by series in ref order, each series' samples from all sources merged with <see cref="SampleRuns"/>, so duplicates
/// collapse and the newest source's value wins.
/// </summary>
public static class PartMerger
{
    /// <param name="sources">Adjacent parts of one partition, oldest data first.</param>
    /// <param name="final">True for the single part a closed day ends as.</param>
    public static MetricPart Merge(IReadOnlyList<MetricPart> sources, string directory, bool final, CancellationToken cancellationToken)
    {
        var id = new PartId(sources.Min(p => p.Id.First), sources.Max(p => p.Id.Last));
        var level = MergePolicy.LevelAfter(sources, final);
        var (compression, effort) = MergePolicy.CodecFor(level, final);
        using var writer = new MetricPartWriter(directory, id, level, compression, effort);
        using var scratch = new SampleScratch();
        var positions = new int[sources.Count];
        var timestamps = new List<long>();
        var values = new List<double>();
        while (NextRef(sources, positions) is { } seriesRef)
        {
            cancellationToken.ThrowIfCancellationRequested();
            timestamps.Clear();
            values.Clear();
            for (var s = 0; s < sources.Count; s++)
            {
                var table = sources[s].Table;
                if (positions[s] >= table.SeriesCount || table.RefAt(positions[s]) != seriesRef) continue;
                sources[s].ReadAll(positions[s]++, scratch, (t, v) => SampleRuns.MergeInto(timestamps, values, t, v));
            }
            writer.AddSeries(seriesRef, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(timestamps), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values));
        }
        return writer.Complete() ?? throw new InvalidOperationException("merged parts that held no series");
    }

    /// <summary>The smallest series ref not yet merged, or null when every source is done.</summary>
    private static uint? NextRef(IReadOnlyList<MetricPart> sources, int[] positions)
    {
        uint? next = null;
        for (var s = 0; s < sources.Count; s++)
        {
            var table = sources[s].Table;
            if (positions[s] < table.SeriesCount && (next is null || table.RefAt(positions[s]) < next)) next = table.RefAt(positions[s]);
        }
        return next;
    }
}
