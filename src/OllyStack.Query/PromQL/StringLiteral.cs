namespace OllyStack.Query.PromQL;

/// <summary>A string literal with its escapes already resolved.</summary>
public sealed record StringLiteral(string Value) : Expr
{
    public override ExprType Type => ExprType.String;
}
