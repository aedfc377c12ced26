namespace OllyStack.Query.PromQL;

/// <summary>
/// A range vector selector, <c>selector[range]</c>. Its <c>offset</c> and <c>@</c> modifiers, written after the
/// brackets, live on the inner <see cref="Selector"/> as in Prometheus.
/// </summary>
public sealed record MatrixSelector(VectorSelector Selector, TimeSpan Range) : Expr
{
    public override ExprType Type => ExprType.RangeVector;
}
