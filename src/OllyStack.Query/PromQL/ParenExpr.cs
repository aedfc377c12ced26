namespace OllyStack.Query.PromQL;

/// <summary>A parenthesised expression; kept in the tree so printing reproduces the grouping that was written.</summary>
public sealed record ParenExpr(Expr Expr) : Expr
{
    public override ExprType Type => Expr.Type;
}
