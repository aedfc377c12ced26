namespace OllyStack.Query.PromQL;

/// <summary>
/// A subquery, <c>expr[range:step]</c>: the instant-vector expression evaluated at every step over the range.
/// A null <see cref="Step"/> (<c>[5m:]</c>) means the engine's default resolution.
/// </summary>
public sealed record SubqueryExpr(
    Expr Expr,
    TimeSpan Range,
    TimeSpan? Step,
    TimeSpan Offset = default,
    AtModifier? At = null) : Expr
{
    public override ExprType Type => ExprType.RangeVector;
}
