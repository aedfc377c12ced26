namespace OllyStack.Query.PromQL;

/// <summary>A float literal: <c>42</c>, <c>1e3</c>, <c>0x1F</c>, <c>Inf</c>, <c>NaN</c>; a leading sign is folded into the value.</summary>
public sealed record NumberLiteral(double Value) : Expr
{
    public override ExprType Type => ExprType.Scalar;
}
