using OllyStack.Core.Metrics;

namespace OllyStack.Query.PromQL.Evaluation;

// Selectors: which samples each selector needs over the whole query, loading them once, and slicing them per step.
internal sealed partial class Evaluator
{
    /// <summary>A span a windowed selector loads whole, as any selector does: a dashboard's last hours in one read.</summary>
    private const long WholeSpanMs = 3 * 3_600_000L;

    /// <summary>Samples a windowed selector loads at most at a time (64 MB): a day over thousands of series in a few loads.</summary>
    private const long MaxWindowSamples = 4_000_000;

    /// <summary>Roughly how many samples a windowed selector loads at a time: a quarter of the limit, so loads are few, up to <see cref="MaxWindowSamples"/>.</summary>
    private long WindowSamples => Math.Min(_options.Limits.MaxSamples / 4, MaxWindowSamples);

    private readonly Dictionary<VectorSelector, (long MinMs, long MaxMs)> _neededSpans = [];
    private readonly Dictionary<VectorSelector, LoadedWindow> _loaded = [];
    private readonly HashSet<VectorSelector> _windowedSelectors = [];
    private readonly Dictionary<VectorSelector, WindowReads> _windowReads = [];

    /// <summary>
    /// A selected series as stored (for instant selection, which must see stale markers) and as range selection
    /// reads it (stale markers removed), so each step's range is a slice, not a copy. The two are the same arrays
    /// unless the series holds stale markers. <see cref="RangeWithoutResets"/>: the range values never fall and are
    /// not negative, as a counter between restarts, so rate and increase skip their search for resets.
    /// </summary>
    private sealed record LoadedSeries(
        Labels Labels,
        ReadOnlyMemory<long> Timestamps,
        ReadOnlyMemory<double> Values,
        ReadOnlyMemory<long> RangeTimestamps,
        ReadOnlyMemory<double> RangeValues,
        bool RangeWithoutResets);

    /// <summary>A selector's series with their samples in [<see cref="FromMs"/>, <see cref="ToMs"/>].</summary>
    private sealed record LoadedWindow(long FromMs, long ToMs, IReadOnlyList<LoadedSeries> Series, long SampleCount);

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

    /// <summary>
    /// The selector's series with (at least) their samples in [<paramref name="needFromMs"/>, <paramref name="needToMs"/>].
    /// Most selectors load their whole planned span once. A windowed one (a range query's selector outside subqueries,
    /// read at ascending times) over more than <see cref="WholeSpanMs"/> loads what the first steps need, then about
    /// <see cref="WindowSamples"/> at a time, moving on as the steps do, so a
    /// 24-hour panel over thousands of series never holds the whole day; the sample limit counts what is held.
    /// </summary>
    private IReadOnlyList<LoadedSeries> Load(VectorSelector selector, long needFromMs, long needToMs)
    {
        var (minMs, maxMs) = _neededSpans.TryGetValue(selector, out var span)
            ? span
            : throw new InvalidOperationException($"selector {selector} was not planned");
        needFromMs = Math.Max(needFromMs, minMs);
        needToMs = Math.Min(needToMs, maxMs);
        _loaded.TryGetValue(selector, out var window);
        if (window is not null && window.FromMs <= needFromMs && needToMs <= window.ToMs) return window.Series;

        var windowed = _windowedSelectors.Contains(selector);
        var (fromMs, toMs) = windowed ? WindowAfter(window, needFromMs, needToMs, maxMs) : (minMs, maxMs);
        if (window is not null) _budget.ReleaseSamples(window.SampleCount);
        var stored = windowed ? ReadWindow(selector, fromMs, toMs) : _source.Select(selector.StorageMatchers(), fromMs, toMs);
        if (window is null) _budget.AddSeries(stored.Count);
        var samples = stored.Sum(s => (long)s.Timestamps.Length);
        _budget.AddSamples(samples);
        var loaded = new LoadedSeries[stored.Count];
        ForEachSlice(stored.Count, (from, to) =>
        {
            for (var i = from; i < to; i++) loaded[i] = ToLoaded(stored[i]);
        });
        window = new LoadedWindow(fromMs, toMs, loaded, samples);
        _loaded[selector] = window;
        return window.Series;
    }

    /// <summary>
    /// A windowed selector's series with their samples in [<paramref name="fromMs"/>, <paramref name="toMs"/>], read into
    /// the room its previous window used: the steps have moved past that window, and a day's panel would otherwise
    /// leave a window's worth of garbage behind per load.
    /// </summary>
    private StoredSeries[] ReadWindow(VectorSelector selector, long fromMs, long toMs)
    {
        if (!_windowReads.TryGetValue(selector, out var reads)) _windowReads[selector] = reads = new WindowReads(_source.Find(selector.StorageMatchers()));
        reads.Reset();
        var stored = new StoredSeries[reads.Found.Count];
        ForEachSlice(stored.Length, (from, to) =>
        {
            var slice = _source.Read(reads.Found.Skip(from).Take(to - from).ToList(), fromMs, toMs, reads.ArenaOf(from));
            for (var i = 0; i < slice.Count; i++) stored[from + i] = slice[i];
        });
        return stored;
    }

    /// <summary>The next span a windowed selector loads: from what is needed on, as long as the density seen so far allows.</summary>
    private (long FromMs, long ToMs) WindowAfter(LoadedWindow? previous, long needFromMs, long needToMs, long maxMs)
    {
        if (previous is null && maxMs - needFromMs <= WholeSpanMs) return (needFromMs, maxMs);
        var lengthMs = needToMs - needFromMs;
        if (previous is { SampleCount: > 0 })
        {
            var samplesPerMs = previous.SampleCount / (double)Math.Max(1, previous.ToMs - previous.FromMs);
            lengthMs = (long)Math.Min(WindowSamples / samplesPerMs, maxMs - needFromMs);
        }
        var toMs = Math.Max(needToMs, needFromMs + lengthMs);
        // A short remainder comes along now rather than costing another load.
        if (maxMs - toMs < lengthMs / 4) toMs = maxMs;
        return (needFromMs, Math.Min(maxMs, toMs));
    }

    private static LoadedSeries ToLoaded(StoredSeries stored)
    {
        var values = stored.Values.Span;
        var stale = 0;
        foreach (var value in values)
            if (StaleMarker.Is(value)) stale++;
        if (stale == 0) return new LoadedSeries(stored.Labels, stored.Timestamps, stored.Values, stored.Timestamps, stored.Values, WithoutResets(values));
        var timestamps = stored.Timestamps.Span;
        var rangeTimestamps = new long[values.Length - stale];
        var rangeValues = new double[rangeTimestamps.Length];
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (StaleMarker.Is(values[i])) continue;
            rangeTimestamps[count] = timestamps[i];
            rangeValues[count++] = values[i];
        }
        return new LoadedSeries(stored.Labels, stored.Timestamps, stored.Values, rangeTimestamps, rangeValues, WithoutResets(rangeValues));
    }

    /// <summary>True when no value is below zero or below the one before: exactly when a counter's reset search would add nothing.</summary>
    private static bool WithoutResets(ReadOnlySpan<double> values)
    {
        // Checked pair by pair as the search compares, and against zero as it compares a window's first value.
        var previous = 0.0;
        foreach (var value in values)
        {
            if (value < previous || value < 0) return false;
            previous = value;
        }
        return true;
    }

    /// <summary>
    /// Each series' latest sample in [t - lookback, t] (both ends included, as in Prometheus 2.x), unless that sample is
    /// a stale marker. With <paramref name="sampleTimestamps"/> the value is the sample's time in seconds (timestamp()).
    /// </summary>
    private VectorValue SelectInstant(VectorSelector selector, long timeMs, bool sampleTimestamps)
    {
        var referenceMs = ReferenceTime(selector.At, selector.Offset, timeMs);
        var samples = new List<Sample>();
        foreach (var series in Load(selector, referenceMs - LookbackMs, referenceMs))
        {
            var timestamps = series.Timestamps.Span;
            var index = LastAtOrBefore(timestamps, referenceMs);
            if (index < 0 || timestamps[index] < referenceMs - LookbackMs || StaleMarker.Is(series.Values.Span[index])) continue;
            samples.Add(new Sample(series.Labels, sampleTimestamps ? timestamps[index] / 1000.0 : series.Values.Span[index]));
        }
        return new VectorValue(timeMs, samples);
    }

    /// <summary>Each series' samples in [t - range, t] (closed, as in Prometheus 2.x) without stale markers; empty series are left out.</summary>
    private MatrixValue SelectRange(MatrixSelector range, long timeMs) =>
        new(SelectRangeWindows(range, timeMs).Select(w => new Series(w.Labels, PointsOf(w.Timestamps.Span, w.Values.Span))).ToList());

    private static List<Point> PointsOf(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        var points = new List<Point>(timestamps.Length);
        for (var i = 0; i < timestamps.Length; i++) points.Add(new Point(timestamps[i], values[i]));
        return points;
    }

    /// <summary>What <see cref="SelectRange"/> returns, as slices of the loaded series: range functions read these without building series.</summary>
    private List<(Labels Labels, ReadOnlyMemory<long> Timestamps, ReadOnlyMemory<double> Values)> SelectRangeWindows(MatrixSelector range, long timeMs)
    {
        var referenceMs = ReferenceTime(range.Selector.At, range.Selector.Offset, timeMs);
        var fromMs = referenceMs - (long)range.Range.TotalMilliseconds;
        var loaded = Load(range.Selector, fromMs, referenceMs);
        var result = new List<(Labels, ReadOnlyMemory<long>, ReadOnlyMemory<double>)>(loaded.Count);
        foreach (var series in loaded)
        {
            var from = FirstAtOrAfter(series.RangeTimestamps.Span, fromMs);
            var to = FirstAtOrAfter(series.RangeTimestamps.Span, referenceMs + 1);
            if (to <= from) continue;
            _budget.AddStepSamples(to - from);
            result.Add((series.Labels, series.RangeTimestamps[from..to], series.RangeValues[from..to]));
        }
        return result;
    }

    private static int LastAtOrBefore(ReadOnlySpan<long> timestamps, long timeMs) => FirstAtOrAfter(timestamps, timeMs + 1) - 1;

    private static int FirstAtOrAfter(ReadOnlySpan<long> timestamps, long timeMs)
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
