using OllyStack.Storage.Metrics;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>Reads series from one tenant's metric store, head and parts; safe to use while the storage writer appends and flushes.</summary>
public sealed class MetricsStoreSeriesSource(TenantMetrics tenant) : ISeriesSource
{
    public IReadOnlyList<StoredSeries> Select(IReadOnlyList<StorageMatcher> matchers, long minMs, long maxMs)
    {
        var refs = tenant.Head.Select(matchers);
        return tenant.Read(refs, minMs, maxMs)
            .Select(s => new StoredSeries(Labels.Of(tenant.Head.LabelsOf(s.Ref)), s.Timestamps, s.Values))
            .ToList();
    }
}
