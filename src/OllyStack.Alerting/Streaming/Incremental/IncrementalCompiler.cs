using OllyStack.Query.PromQL;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// Compiles the PromQL a stream can keep running state for: number literals; instant selectors; rate, increase,
/// delta, irate, idelta, changes, resets and the <c>*_over_time</c> functions of a range selector;
/// <c>sum/avg/min/max/count/group by|without</c>; histogram_quantile; arithmetic and comparisons with scalars or
/// between vectors matched one-to-one (ratios of aggregations); <c>and</c>, <c>or</c>, <c>unless</c>. Anything
/// else (other functions, topk, group_left, subqueries, <c>@</c>) gives null: the rule re-runs the query engine
/// over its windows instead.
/// </summary>
internal static class IncrementalCompiler
{
    private static readonly HashSet<AggregationOp> Aggregations =
        [AggregationOp.Sum, AggregationOp.Avg, AggregationOp.Min, AggregationOp.Max, AggregationOp.Count, AggregationOp.Group];

    public static IncrementalExpr? Compile(Expr expr, long lookbackMs, SeriesBinding binding) => expr switch
    {
        NumberLiteral number => new ConstantNode(number.Value),
        ParenExpr paren => Compile(paren.Expr, lookbackMs, binding),
        UnaryExpr { Op: UnaryOp.Plus } unary => Compile(unary.Expr, lookbackMs, binding),
        // -1 · x is exactly -x in IEEE arithmetic.
        UnaryExpr unary => Compile(unary.Expr, lookbackMs, binding) switch
        {
            ScalarNode scalar => new ScalarArithmeticNode(BinaryOp.Mul, new ConstantNode(-1), scalar),
            VectorNode vector => new VectorNegationNode(vector),
            _ => null,
        },
        VectorSelector { At: null } selector when selector.Offset >= TimeSpan.Zero =>
            new InstantSelectorNode(binding, KeyOf(selector), (long)selector.Offset.TotalMilliseconds, lookbackMs),
        Call call => CompileCall(call, lookbackMs, binding),
        AggregateExpr { Param: null } aggregate when Aggregations.Contains(aggregate.Op) =>
            Compile(aggregate.Expr, lookbackMs, binding) is VectorNode input ? new AggregationNode(aggregate.Op, aggregate.Grouping, aggregate.Without, input) : null,
        BinaryExpr binary => CompileBinary(binary, lookbackMs, binding),
        _ => null,
    };

    private static IncrementalExpr? CompileCall(Call call, long lookbackMs, SeriesBinding binding)
    {
        if (call.Function.Name == "histogram_quantile")
        {
            return (Compile(call.Args[0], lookbackMs, binding), Compile(call.Args[1], lookbackMs, binding)) is (ScalarNode phi, VectorNode buckets)
                ? new HistogramQuantileNode(phi, buckets)
                : null;
        }
        if (!RangeFunctions.TryParse(call.Function.Name, out var function)) return null;
        ScalarNode? parameter = null;
        if (function == RangeFunction.QuantileOverTime)
        {
            if (Compile(call.Args[0], lookbackMs, binding) is not ScalarNode phi) return null;
            parameter = phi;
        }
        var range = Unwrapped(call.Args[^1]);
        if (range is not MatrixSelector { Selector: { At: null } selector } matrix || selector.Offset < TimeSpan.Zero) return null;
        return new RangeFunctionNode(
            binding, KeyOf(selector), function, parameter, (long)matrix.Range.TotalMilliseconds, (long)selector.Offset.TotalMilliseconds);
    }

    private static IncrementalExpr? CompileBinary(BinaryExpr binary, long lookbackMs, SeriesBinding binding)
    {
        var lhs = Compile(binary.Lhs, lookbackMs, binding);
        var rhs = Compile(binary.Rhs, lookbackMs, binding);
        var matching = binary.Matching ?? VectorMatching.Default(binary.Op);
        return (lhs, rhs) switch
        {
            (ScalarNode l, ScalarNode r) => new ScalarArithmeticNode(binary.Op, l, r),
            (VectorNode l, ScalarNode r) => new VectorScalarNode(binary.Op, binary.ReturnBool, l, r, scalarOnLeft: false),
            (ScalarNode l, VectorNode r) => new VectorScalarNode(binary.Op, binary.ReturnBool, r, l, scalarOnLeft: true),
            (VectorNode l, VectorNode r) when binary.Op.IsSetOperator() => new SetOperationNode(binary.Op, matching, l, r),
            (VectorNode l, VectorNode r) when matching.Cardinality == MatchingCardinality.OneToOne => new VectorMatchNode(binary.Op, binary.ReturnBool, matching, l, r),
            _ => null,
        };
    }

    private static Expr Unwrapped(Expr expr)
    {
        while (expr is ParenExpr paren) expr = paren.Expr;
        return expr;
    }

    private static string KeyOf(VectorSelector selector) => StreamingSeriesSource.KeyOf(selector.StorageMatchers());
}
