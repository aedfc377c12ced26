namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// Evaluates one query: each expression node at one evaluation time. A range query runs it once per step; the series
/// of every selector are loaded once for the whole query (see Evaluator.Selectors.cs), so steps only slice them.
/// Not thread-safe; one instance per query. Disposing it returns the pooled room windowed selectors were read into:
/// what it returned holds copies, never that room.
/// </summary>
internal sealed partial class Evaluator : IDisposable
{
    private readonly ISeriesSource _source;
    private readonly PromQLEngineOptions _options;
    private readonly long _queryStartMs;
    private readonly long _queryEndMs;
    private readonly QueryBudget _budget;

    public Evaluator(ISeriesSource source, PromQLEngineOptions options, long queryStartMs, long queryEndMs, QueryBudget budget)
    {
        _source = source;
        _options = options;
        _queryStartMs = queryStartMs;
        _queryEndMs = queryEndMs;
        _budget = budget;
    }

    private long LookbackMs => (long)_options.LookbackDelta.TotalMilliseconds;

    public void Dispose()
    {
        foreach (var reads in _windowReads.Values) reads.Dispose();
        _windowReads.Clear();
    }

    public QueryValue Evaluate(Expr expr, long timeMs)
    {
        _budget.ThrowIfCancelled();
        if (_gridRoots.Count > 0 && TrySliceGrid(expr, timeMs, out var onGrid)) return onGrid;
        return expr switch
        {
            NumberLiteral number => new ScalarValue(timeMs, number.Value),
            StringLiteral text => new StringValue(timeMs, text.Value),
            ParenExpr paren => Evaluate(paren.Expr, timeMs),
            UnaryExpr unary => EvaluateUnary(unary, timeMs),
            VectorSelector selector => SelectInstant(selector, timeMs, sampleTimestamps: false),
            MatrixSelector range => SelectRange(range, timeMs),
            SubqueryExpr subquery => EvaluateSubquery(subquery, timeMs),
            BinaryExpr binary => EvaluateBinary(binary, timeMs),
            AggregateExpr aggregate => EvaluateAggregate(aggregate, timeMs),
            Call call => EvaluateCall(call, timeMs),
            _ => throw new PromQLEvaluationException($"unhandled expression of type {expr.GetType().Name}"),
        };
    }

    /// <summary>Counts a point of a range query's result against the sample limit.</summary>
    public void CountResultPoint() => _budget.AddSamples(1);

    /// <summary>Evaluates the whole expression at one step: what the previous step held is released first.</summary>
    public QueryValue EvaluateStep(Expr expr, long timeMs)
    {
        _budget.StartStep();
        return Evaluate(expr, timeMs);
    }

    private VectorValue EvaluateVector(Expr expr, long timeMs) => (VectorValue)Evaluate(expr, timeMs);

    private double EvaluateScalar(Expr expr, long timeMs) => ((ScalarValue)Evaluate(expr, timeMs)).Value;

    private string EvaluateString(Expr expr, long timeMs) => ((StringValue)Evaluate(expr, timeMs)).Value;

    private MatrixValue EvaluateMatrix(Expr expr, long timeMs) => (MatrixValue)Evaluate(expr, timeMs);

    private QueryValue EvaluateUnary(UnaryExpr unary, long timeMs)
    {
        var operand = Evaluate(unary.Expr, timeMs);
        if (unary.Op == UnaryOp.Plus) return operand;
        return operand switch
        {
            ScalarValue scalar => scalar with { Value = -scalar.Value },
            VectorValue vector => Checked(new VectorValue(timeMs, vector.Samples.Select(s => new Sample(s.Labels.WithoutMetricName(), -s.Value)).ToList())),
            _ => throw new PromQLEvaluationException($"unary minus is not defined on {operand.Type.Describe()}"),
        };
    }

    /// <summary>Fails as Prometheus does when an operation produced two series with one label set.</summary>
    private static VectorValue Checked(VectorValue vector)
    {
        if (vector.Samples.Count < 2) return vector;
        var seen = new HashSet<Labels>();
        foreach (var sample in vector.Samples)
            if (!seen.Add(sample.Labels)) throw new PromQLEvaluationException("vector cannot contain metrics with the same labelset");
        return vector;
    }

    /// <summary>The time a selector or subquery reads at: its <c>@</c> time, or the evaluation time, minus its offset.</summary>
    private long ReferenceTime(AtModifier? at, TimeSpan offset, long timeMs) =>
        ResolveAt(at, timeMs) - (long)offset.TotalMilliseconds;

    private long ResolveAt(AtModifier? at, long timeMs) => at?.Kind switch
    {
        null => timeMs,
        AtModifierKind.Start => _queryStartMs,
        AtModifierKind.End => _queryEndMs,
        _ => at.TimestampMilliseconds,
    };
}
