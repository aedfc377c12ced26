namespace OllyStack.Query.PromQL;

/// <summary>
/// <c>lhs op [bool] [on|ignoring(...) [group_left|group_right(...)]] rhs</c>.
/// <see cref="Matching"/> is set when both sides are instant vectors and null when a scalar is involved.
/// </summary>
public sealed record BinaryExpr(
    BinaryOp Op,
    Expr Lhs,
    Expr Rhs,
    bool ReturnBool = false,
    VectorMatching? Matching = null) : Expr
{
    public override ExprType Type =>
        Lhs.Type == ExprType.Scalar && Rhs.Type == ExprType.Scalar ? ExprType.Scalar : ExprType.InstantVector;
}
