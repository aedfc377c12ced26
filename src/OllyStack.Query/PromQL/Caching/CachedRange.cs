using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.PromQL.Caching;

/// <summary>
/// A range query's settled result for the steps from <see cref="FirstMs"/> to <see cref="LastMs"/>, computed while
/// the tenant's store was at <see cref="Generation"/> (a backdated write since then makes it unusable). Each series
/// keeps one value per step and a bit saying whether the step has one: steps are evenly spaced, so times need no room.
/// </summary>
internal sealed class CachedRange
{
    private readonly Labels[] _labels;
    private readonly double[] _values;
    private readonly ulong[] _present;
    private readonly int _wordsPerSeries;

    public CachedRange(RangeCacheKey key, long generation, long firstMs, long lastMs, IReadOnlyList<Series> series)
    {
        Key = key;
        Generation = generation;
        FirstMs = firstMs;
        LastMs = lastMs;
        Steps = (int)((lastMs - firstMs) / key.StepMs) + 1;
        _wordsPerSeries = (Steps + 63) / 64;
        _labels = new Labels[series.Count];
        _values = new double[series.Count * Steps];
        _present = new ulong[series.Count * _wordsPerSeries];
        for (var s = 0; s < series.Count; s++)
        {
            _labels[s] = series[s].Labels;
            foreach (var point in series[s].Points)
            {
                if (point.TimestampMs < firstMs || point.TimestampMs > lastMs) continue;
                var step = (int)((point.TimestampMs - firstMs) / key.StepMs);
                _values[s * Steps + step] = point.Value;
                _present[s * _wordsPerSeries + step / 64] |= 1UL << (step % 64);
            }
        }
    }

    public RangeCacheKey Key { get; }

    public long Generation { get; }

    public long FirstMs { get; }

    public long LastMs { get; }

    public int Steps { get; }

    /// <summary>What the entry holds, in steps of all series: what the cache's size bound counts.</summary>
    public long Cells => (long)_labels.Length * Steps;

    /// <summary>Where the entry sits in the cache's recency list.</summary>
    public LinkedListNode<CachedRange>? Recency { get; set; }

    /// <summary>The series with their points at the cached steps in [<paramref name="fromMs"/>, <paramref name="toMs"/>]; series without any are left out.</summary>
    public List<Series> Slice(long fromMs, long toMs)
    {
        var firstStep = (int)Math.Max(0, (fromMs - FirstMs + Key.StepMs - 1) / Key.StepMs);
        var lastStep = (int)Math.Min(Steps - 1, (toMs - FirstMs) / Key.StepMs);
        var result = new List<Series>();
        for (var s = 0; s < _labels.Length; s++)
        {
            List<Point>? points = null;
            for (var step = firstStep; step <= lastStep; step++)
            {
                if ((_present[s * _wordsPerSeries + step / 64] & (1UL << (step % 64))) == 0) continue;
                (points ??= []).Add(new Point(FirstMs + step * Key.StepMs, _values[s * Steps + step]));
            }
            if (points is not null) result.Add(new Series(_labels[s], points));
        }
        return result;
    }
}
