namespace OllyStack.Query.PromQL;

/// <summary>
/// <c>-expr</c> or <c>+expr</c> on anything but a number literal (a signed literal is folded into
/// <see cref="NumberLiteral"/>). Binds looser than <c>^</c>: <c>-2 ^ 2</c> is <c>-(2 ^ 2)</c>.
/// </summary>
public sealed record UnaryExpr(UnaryOp Op, Expr Expr) : Expr
{
    public override ExprType Type => Expr.Type;
}

public enum UnaryOp
{
    Plus,
    Minus,
}
