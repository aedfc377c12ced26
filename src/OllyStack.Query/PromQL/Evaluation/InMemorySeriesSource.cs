using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>A fixed set of series held in memory, as the PromQL test scripts load them. Not thread-safe while appending.</summary>
public sealed class InMemorySeriesSource : ISeriesSource
{
    private readonly Dictionary<Labels, List<Point>> _series = [];

    /// <summary>Adds a sample; samples of one series must be appended in ascending time order.</summary>
    public void Append(Labels labels, long timestampMs, double value)
    {
        if (!_series.TryGetValue(labels, out var points)) _series[labels] = points = [];
        if (points.Count > 0 && points[^1].TimestampMs >= timestampMs)
            throw new ArgumentException($"sample at {timestampMs} ms for {labels} is not after the last one");
        points.Add(new Point(timestampMs, value));
    }

    public IReadOnlyList<StoredSeries> Select(IReadOnlyList<StorageMatcher> matchers, long minMs, long maxMs)
    {
        var result = new List<StoredSeries>();
        foreach (var (labels, points) in _series)
        {
            if (!matchers.All(m => m.Matches(labels.Get(m.Name)))) continue;
            var inRange = points.Where(p => p.TimestampMs >= minMs && p.TimestampMs <= maxMs).ToArray();
            result.Add(new StoredSeries(labels, inRange.Select(p => p.TimestampMs).ToArray(), inRange.Select(p => p.Value).ToArray()));
        }
        return result;
    }
}
