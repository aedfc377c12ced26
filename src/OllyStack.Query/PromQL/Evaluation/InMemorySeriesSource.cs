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
            var from = FirstAtOrAfter(points, minMs);
            var to = FirstAtOrAfter(points, maxMs == long.MaxValue ? maxMs : maxMs + 1);
            var timestamps = new long[Math.Max(0, to - from)];
            var values = new double[timestamps.Length];
            for (var i = 0; i < timestamps.Length; i++) (timestamps[i], values[i]) = (points[from + i].TimestampMs, points[from + i].Value);
            result.Add(new StoredSeries(labels, timestamps, values));
        }
        return result;
    }

    private static int FirstAtOrAfter(List<Point> points, long timeMs)
    {
        int low = 0, high = points.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (points[mid].TimestampMs < timeMs) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
