using OllyStack.Storage.Metrics;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// Reads series from one tenant's metric store, head and parts; safe to use while the storage writer appends and
/// flushes. One instance serves one query: a windowed selector finds the same series once per window, so each
/// series' label set is built once and kept.
/// </summary>
public sealed class MetricsStoreSeriesSource(TenantMetrics tenant) : ISeriesSource
{
    private readonly Dictionary<uint, Labels> _labels = [];

    public IReadOnlyList<SeriesHandle> Find(IReadOnlyList<StorageMatcher> matchers)
    {
        var refs = tenant.Head.Select(matchers);
        var found = new SeriesHandle[refs.Length];
        for (var i = 0; i < refs.Length; i++) found[i] = new SeriesHandle(refs[i], LabelsOf(refs[i]));
        return found;
    }

    public IReadOnlyList<StoredSeries> Read(IReadOnlyList<SeriesHandle> series, long minMs, long maxMs, SampleArena? arena = null)
    {
        var samples = tenant.Read(series.Select(s => s.Id).ToArray(), minMs, maxMs, arena);
        var result = new StoredSeries[samples.Count];
        for (var i = 0; i < result.Length; i++) result[i] = new StoredSeries(series[i].Labels, samples[i].Timestamps, samples[i].Values);
        return result;
    }

    private Labels LabelsOf(uint seriesRef)
    {
        if (!_labels.TryGetValue(seriesRef, out var labels)) _labels[seriesRef] = labels = Labels.Of(tenant.Head.LabelsOf(seriesRef));
        return labels;
    }
}
