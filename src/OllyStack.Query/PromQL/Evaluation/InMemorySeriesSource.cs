using OllyStack.Storage.Metrics;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>A fixed set of series held in memory, as the PromQL test scripts load them. Not thread-safe while appending.</summary>
public sealed class InMemorySeriesSource : ISeriesSource
{
    private readonly Dictionary<Labels, int> _indexOf = [];
    private readonly List<(Labels Labels, List<Point> Points)> _series = [];

    /// <summary>Adds a sample; samples of one series must be appended in ascending time order.</summary>
    public void Append(Labels labels, long timestampMs, double value)
    {
        if (!_indexOf.TryGetValue(labels, out var index))
        {
            _indexOf[labels] = index = _series.Count;
            _series.Add((labels, []));
        }
        var points = _series[index].Points;
        if (points.Count > 0 && points[^1].TimestampMs >= timestampMs)
            throw new ArgumentException($"sample at {timestampMs} ms for {labels} is not after the last one");
        points.Add(new Point(timestampMs, value));
    }

    public IReadOnlyList<SeriesHandle> Find(IReadOnlyList<StorageMatcher> matchers)
    {
        var found = new List<SeriesHandle>();
        for (var i = 0; i < _series.Count; i++)
            if (matchers.All(m => m.Matches(_series[i].Labels.Get(m.Name)))) found.Add(new SeriesHandle((uint)i, _series[i].Labels));
        return found;
    }

    public IReadOnlyList<StoredSeries> Read(IReadOnlyList<SeriesHandle> series, long minMs, long maxMs, SampleArena? arena = null)
    {
        var result = new List<StoredSeries>(series.Count);
        foreach (var handle in series)
        {
            var points = _series[(int)handle.Id].Points;
            var from = FirstAtOrAfter(points, minMs);
            var to = FirstAtOrAfter(points, maxMs == long.MaxValue ? maxMs : maxMs + 1);
            var timestamps = new long[Math.Max(0, to - from)];
            var values = new double[timestamps.Length];
            for (var i = 0; i < timestamps.Length; i++) (timestamps[i], values[i]) = (points[from + i].TimestampMs, points[from + i].Value);
            result.Add(new StoredSeries(handle.Labels, timestamps, values));
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
