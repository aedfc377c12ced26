namespace OllyStack.Query.PromQL;

/// <summary>
/// <c>op [by|without (labels)] ([param,] expr)</c>. An empty <c>by ()</c> is the same as no grouping.
/// <see cref="Param"/> is set exactly for the operators that take one (topk, bottomk, quantile, count_values).
/// </summary>
public sealed record AggregateExpr(
    AggregationOp Op,
    Expr Expr,
    Expr? Param,
    ValueList<string> Grouping,
    bool Without) : Expr
{
    public override ExprType Type => ExprType.InstantVector;
}
