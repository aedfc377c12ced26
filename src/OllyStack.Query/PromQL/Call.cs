namespace OllyStack.Query.PromQL;

/// <summary>A call of a function from the PromQL function reference.</summary>
public sealed record Call(PromQLFunction Function, ValueList<Expr> Args) : Expr
{
    public override ExprType Type => Function.ReturnType;
}
