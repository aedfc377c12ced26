using OllyStack.Storage.Metrics;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// Reads series from one tenant's metric store, head and parts; safe to use while the storage writer appends and
/// flushes. One instance serves one query: a windowed selector reads the same series once per window, so each
/// series' label set is built once and kept.
/// </summary>
public sealed class MetricsStoreSeriesSource(TenantMetrics tenant) : ISeriesSource
{
    private readonly Dictionary<uint, Labels> _labels = [];

    public IReadOnlyList<StoredSeries> Select(IReadOnlyList<StorageMatcher> matchers, long minMs, long maxMs)
    {
        var samples = tenant.Read(tenant.Head.Select(matchers), minMs, maxMs);
        var result = new List<StoredSeries>(samples.Count);
        foreach (var series in samples) result.Add(new StoredSeries(LabelsOf(series.Ref), series.Timestamps, series.Values));
        return result;
    }

    private Labels LabelsOf(uint seriesRef)
    {
        if (!_labels.TryGetValue(seriesRef, out var labels)) _labels[seriesRef] = labels = Labels.Of(tenant.Head.LabelsOf(seriesRef));
        return labels;
    }
}
