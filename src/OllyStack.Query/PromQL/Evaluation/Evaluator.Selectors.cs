using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;
using StorageMatchType = OllyStack.Storage.Index.LabelMatchType;

namespace OllyStack.Query.PromQL.Evaluation;

// Selectors: which samples each selector needs over the whole query, loading them once, and slicing them per step.
internal sealed partial class Evaluator
{
    /// <summary>Prometheus' stale marker: a NaN with this exact bit pattern ends a series' lookback.</summary>
    private const long StaleNaNBits = 0x7ff0000000000002;

    private readonly Dictionary<VectorSelector, (long MinMs, long MaxMs)> _neededSpans = [];
    private readonly Dictionary<VectorSelector, IReadOnlyList<LoadedSeries>> _loaded = [];

    /// <summary>
    /// A selected series as stored (for instant selection, which must see stale markers) and as the points range
    /// selection returns (stale markers removed), so each step's range is a slice of one array, not a copy.
    /// </summary>
    private sealed record LoadedSeries(Labels Labels, long[] Timestamps, double[] Values, Point[] Points);

    public static bool IsStaleMarker(double value) => BitConverter.DoubleToInt64Bits(value) == StaleNaNBits;

    /// <summary>
    /// Records the time span every selector in <paramref name="expr"/> reads when the expression is evaluated at times
    /// in [<paramref name="startMs"/>, <paramref name="endMs"/>]. Must run before <see cref="Evaluate"/>.
    /// </summary>
    public void PlanSelections(Expr expr, long startMs, long endMs)
    {
        switch (expr)
        {
            case VectorSelector selector:
            {
                var (from, to) = ReferenceSpan(selector.At, selector.Offset, startMs, endMs);
                Need(selector, from - LookbackMs, to);
                break;
            }
            case MatrixSelector range:
            {
                var (from, to) = ReferenceSpan(range.Selector.At, range.Selector.Offset, startMs, endMs);
                Need(range.Selector, from - (long)range.Range.TotalMilliseconds, to);
                break;
            }
            case SubqueryExpr subquery:
            {
                var (from, to) = ReferenceSpan(subquery.At, subquery.Offset, startMs, endMs);
                PlanSelections(subquery.Expr, from - (long)subquery.Range.TotalMilliseconds, to);
                break;
            }
            case ParenExpr paren: PlanSelections(paren.Expr, startMs, endMs); break;
            case UnaryExpr unary: PlanSelections(unary.Expr, startMs, endMs); break;
            case BinaryExpr binary:
                PlanSelections(binary.Lhs, startMs, endMs);
                PlanSelections(binary.Rhs, startMs, endMs);
                break;
            case AggregateExpr aggregate:
                if (aggregate.Param is not null) PlanSelections(aggregate.Param, startMs, endMs);
                PlanSelections(aggregate.Expr, startMs, endMs);
                break;
            case Call call:
                foreach (var arg in call.Args) PlanSelections(arg, startMs, endMs);
                break;
        }
    }

    private (long From, long To) ReferenceSpan(AtModifier? at, TimeSpan offset, long startMs, long endMs) =>
        at is null
            ? (ReferenceTime(null, offset, startMs), ReferenceTime(null, offset, endMs))
            : (ReferenceTime(at, offset, startMs), ReferenceTime(at, offset, startMs));

    private void Need(VectorSelector selector, long minMs, long maxMs)
    {
        _neededSpans[selector] = _neededSpans.TryGetValue(selector, out var span)
            ? (Math.Min(span.MinMs, minMs), Math.Max(span.MaxMs, maxMs))
            : (minMs, maxMs);
    }

    private IReadOnlyList<LoadedSeries> Load(VectorSelector selector)
    {
        if (_loaded.TryGetValue(selector, out var series)) return series;
        var (minMs, maxMs) = _neededSpans.TryGetValue(selector, out var span)
            ? span
            : throw new InvalidOperationException($"selector {selector} was not planned");
        var matchers = selector.SeriesMatchers().Select(ToStorageMatcher).ToList();
        var stored = _source.Select(matchers, minMs, maxMs);
        _budget.AddSeries(stored.Count);
        _budget.AddSamples(stored.Sum(s => (long)s.Timestamps.Length));
        series = stored.Select(ToLoaded).ToList();
        _loaded[selector] = series;
        return series;
    }

    private static LoadedSeries ToLoaded(StoredSeries stored)
    {
        var points = new List<Point>(stored.Timestamps.Length);
        for (var i = 0; i < stored.Timestamps.Length; i++)
            if (!IsStaleMarker(stored.Values[i])) points.Add(new Point(stored.Timestamps[i], stored.Values[i]));
        return new LoadedSeries(stored.Labels, stored.Timestamps, stored.Values, [.. points]);
    }

    private static StorageMatcher ToStorageMatcher(LabelMatcher matcher) => new(
        matcher.Type switch
        {
            LabelMatchType.Equal => StorageMatchType.Equal,
            LabelMatchType.NotEqual => StorageMatchType.NotEqual,
            LabelMatchType.Regex => StorageMatchType.Regex,
            _ => StorageMatchType.NotRegex,
        },
        matcher.Name,
        matcher.Value);

    /// <summary>
    /// Each series' latest sample in [t - lookback, t] (both ends included, as in Prometheus 2.x), unless that sample is
    /// a stale marker. With <paramref name="sampleTimestamps"/> the value is the sample's time in seconds (timestamp()).
    /// </summary>
    private VectorValue SelectInstant(VectorSelector selector, long timeMs, bool sampleTimestamps)
    {
        var referenceMs = ReferenceTime(selector.At, selector.Offset, timeMs);
        var samples = new List<Sample>();
        foreach (var series in Load(selector))
        {
            var index = LastAtOrBefore(series.Timestamps, referenceMs);
            if (index < 0 || series.Timestamps[index] < referenceMs - LookbackMs || IsStaleMarker(series.Values[index])) continue;
            samples.Add(new Sample(series.Labels, sampleTimestamps ? series.Timestamps[index] / 1000.0 : series.Values[index]));
        }
        return new VectorValue(timeMs, samples);
    }

    /// <summary>Each series' samples in [t - range, t] (closed, as in Prometheus 2.x) without stale markers; empty series are left out.</summary>
    private MatrixValue SelectRange(MatrixSelector range, long timeMs) =>
        new(SelectRangeWindows(range, timeMs).Select(w => new Series(w.Labels, w.Points)).ToList());

    /// <summary>What <see cref="SelectRange"/> returns, as slices of the loaded series: range functions read these without building series.</summary>
    private List<(Labels Labels, ArraySegment<Point> Points)> SelectRangeWindows(MatrixSelector range, long timeMs)
    {
        var referenceMs = ReferenceTime(range.Selector.At, range.Selector.Offset, timeMs);
        var fromMs = referenceMs - (long)range.Range.TotalMilliseconds;
        var loaded = Load(range.Selector);
        var result = new List<(Labels, ArraySegment<Point>)>(loaded.Count);
        foreach (var series in loaded)
        {
            var from = FirstPointAtOrAfter(series.Points, fromMs);
            var to = FirstPointAtOrAfter(series.Points, referenceMs + 1);
            if (to <= from) continue;
            _budget.AddStepSamples(to - from);
            result.Add((series.Labels, new ArraySegment<Point>(series.Points, from, to - from)));
        }
        return result;
    }

    private static int LastAtOrBefore(long[] timestamps, long timeMs) => FirstAtOrAfter(timestamps, timeMs + 1) - 1;

    private static int FirstPointAtOrAfter(Point[] points, long timeMs)
    {
        int low = 0, high = points.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (points[mid].TimestampMs < timeMs) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private static int FirstAtOrAfter(long[] timestamps, long timeMs)
    {
        int low = 0, high = timestamps.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (timestamps[mid] < timeMs) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
