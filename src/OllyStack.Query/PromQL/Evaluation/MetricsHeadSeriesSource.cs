using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;
using OllyStack.Storage.Metrics;

namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>Reads series from one tenant's in-memory head; safe to use while the storage writer appends.</summary>
public sealed class MetricsHeadSeriesSource(MetricsHead head) : ISeriesSource
{
    public IReadOnlyList<StoredSeries> Select(IReadOnlyList<StorageMatcher> matchers, long minMs, long maxMs)
    {
        var refs = head.Select(matchers);
        var result = new List<StoredSeries>(refs.Length);
        var timestamps = new List<long>();
        var values = new List<double>();
        foreach (var seriesRef in refs)
        {
            timestamps.Clear();
            values.Clear();
            head.SeriesAt(seriesRef).CopyRange(minMs, maxMs, timestamps, values);
            result.Add(new StoredSeries(Labels.Of(head.LabelsOf(seriesRef)), [.. timestamps], [.. values]));
        }
        return result;
    }
}
