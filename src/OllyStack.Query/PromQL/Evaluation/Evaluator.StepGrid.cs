namespace OllyStack.Query.PromQL.Evaluation;

// Range queries: range functions of a selector (rate(x[5m]) and the like) computed series by series for a chunk of
// steps at a time, each series' window found by two pointers that only move forward, instead of a binary search,
// a slice and a reduction dispatch per series per step.
internal sealed partial class Evaluator
{
    private const int ChunkSteps = 64;

    // Keyed by node identity: hashing a record would walk its subtree at every step.
    private readonly HashSet<Call> _gridCalls = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Call, StepChunk> _chunks = new(ReferenceEqualityComparer.Instance);
    private long _gridStartMs;
    private long _gridStepMs;
    private long _gridSteps;

    /// <summary>The results of one range function call for <see cref="Count"/> consecutive steps from <see cref="FirstStep"/>.</summary>
    private sealed record StepChunk(
        long FirstStep, int Count, List<Sample>[] Samples, long[] WindowSamples, IReadOnlyList<LoadedSeries> Series, int[] From, int[] To, bool Collides);

    /// <summary>
    /// Declares that <paramref name="expr"/> will be evaluated at every step of the grid: range functions of plain
    /// selectors outside subqueries (subqueries evaluate on their own grid) may then be computed ahead, chunk by chunk,
    /// and selectors outside subqueries, read at ascending times only, may load their samples window by window.
    /// </summary>
    public void UseStepGrid(Expr expr, long startMs, long endMs, long stepMs)
    {
        _gridStartMs = startMs;
        _gridStepMs = stepMs;
        _gridSteps = (endMs - startMs) / stepMs + 1;
        CollectGridCalls(expr);
    }

    private void CollectGridCalls(Expr expr)
    {
        switch (expr)
        {
            case Call call when IsGridFunction(call):
                _gridCalls.Add(call);
                _windowedSelectors.Add(((MatrixSelector)Unwrap(call.Args[0])).Selector);
                break;
            case VectorSelector selector:
                _windowedSelectors.Add(selector);
                break;
            case MatrixSelector range:
                _windowedSelectors.Add(range.Selector);
                break;
            case Call call:
                foreach (var arg in call.Args) CollectGridCalls(arg);
                break;
            case ParenExpr paren: CollectGridCalls(paren.Expr); break;
            case UnaryExpr unary: CollectGridCalls(unary.Expr); break;
            case BinaryExpr binary:
                CollectGridCalls(binary.Lhs);
                CollectGridCalls(binary.Rhs);
                break;
            case AggregateExpr aggregate:
                if (aggregate.Param is not null) CollectGridCalls(aggregate.Param);
                CollectGridCalls(aggregate.Expr);
                break;
        }
    }

    /// <summary>A range function of one plain range selector and no other argument (absent_over_time aside: it is about the whole selection).</summary>
    private static bool IsGridFunction(Call call) =>
        call.Args.Count == 1 && Unwrap(call.Args[0]) is MatrixSelector && call.Function.Name != "absent_over_time";

    private static Expr Unwrap(Expr expr)
    {
        while (expr is ParenExpr paren) expr = paren.Expr;
        return expr;
    }

    /// <summary>The call's value at a grid step, from the chunk holding it (computed when first needed); false off the grid.</summary>
    private bool TryEvaluateOnGrid(Call call, long timeMs, out VectorValue value)
    {
        value = null!;
        if (!_gridCalls.Contains(call) || timeMs < _gridStartMs || (timeMs - _gridStartMs) % _gridStepMs != 0) return false;
        var step = (timeMs - _gridStartMs) / _gridStepMs;
        if (step >= _gridSteps) return false;
        _chunks.TryGetValue(call, out var chunk);
        if (chunk is null || step < chunk.FirstStep || step >= chunk.FirstStep + chunk.Count) _chunks[call] = chunk = ComputeChunk(call, step, chunk);
        var index = (int)(step - chunk.FirstStep);
        _budget.AddStepSamples(chunk.WindowSamples[index]);
        value = new VectorValue(timeMs, chunk.Samples[index]);
        if (chunk.Collides) value = Checked(value);
        return true;
    }

    private StepChunk ComputeChunk(Call call, long firstStep, StepChunk? previous)
    {
        _budget.ThrowIfCancelled();
        var range = (MatrixSelector)Unwrap(call.Args[0]);
        var name = call.Function.Name;
        var keepName = name == "last_over_time";
        var count = (int)Math.Min(ChunkSteps, _gridSteps - firstStep);
        var firstReferenceMs = ReferenceTime(range.Selector.At, range.Selector.Offset, _gridStartMs + firstStep * _gridStepMs);
        var lastReferenceMs = ReferenceTime(range.Selector.At, range.Selector.Offset, _gridStartMs + (firstStep + count - 1) * _gridStepMs);
        var loaded = Load(range.Selector, firstReferenceMs - (long)range.Range.TotalMilliseconds, lastReferenceMs);
        // The windows only move forward, so the previous chunk's pointers carry on if it ended right before this one
        // over the same loaded samples.
        var continues = previous is not null && previous.FirstStep + previous.Count == firstStep && ReferenceEquals(previous.Series, loaded);
        var from = continues ? previous!.From : new int[loaded.Count];
        var to = continues ? previous!.To : new int[loaded.Count];
        var samples = new List<Sample>[count];
        var windowSamples = new long[count];
        for (var k = 0; k < count; k++)
        {
            var timeMs = _gridStartMs + (firstStep + k) * _gridStepMs;
            var referenceMs = ReferenceTime(range.Selector.At, range.Selector.Offset, timeMs);
            var fromMs = referenceMs - (long)range.Range.TotalMilliseconds;
            var reduce = RangeReducer(name, [], timeMs, fromMs, referenceMs);
            var stepSamples = samples[k] = new List<Sample>(loaded.Count);
            for (var i = 0; i < loaded.Count; i++)
            {
                var points = loaded[i].Points;
                ref var start = ref from[i];
                ref var end = ref to[i];
                while (start < points.Length && points[start].TimestampMs < fromMs) start++;
                if (end < start) end = start;
                while (end < points.Length && points[end].TimestampMs <= referenceMs) end++;
                if (end == start) continue;
                windowSamples[k] += end - start;
                if (reduce(points.AsSpan(start, end - start)) is not { } value) continue;
                stepSamples.Add(new Sample(keepName ? loaded[i].Labels : loaded[i].Labels.WithoutMetricName(), value));
            }
        }
        var collides = previous?.Collides ?? OutputLabelsCollide(loaded, keepName);
        return new StepChunk(firstStep, count, samples, windowSamples, loaded, from, to, collides);
    }

    /// <summary>Whether two selected series end up with one label set, which Prometheus reports as an error when both have a value.</summary>
    private static bool OutputLabelsCollide(IReadOnlyList<LoadedSeries> loaded, bool keepName)
    {
        var seen = new HashSet<Labels>();
        foreach (var series in loaded)
            if (!seen.Add(keepName ? series.Labels : series.Labels.WithoutMetricName())) return true;
        return false;
    }
}
