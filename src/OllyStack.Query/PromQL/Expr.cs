namespace OllyStack.Query.PromQL;

/// <summary>
/// A node of a parsed PromQL expression. Nodes are immutable and compare by value, so two parses of the same
/// query are equal; <see cref="ToString"/> prints canonical PromQL that parses back to an equal tree.
/// </summary>
public abstract record Expr
{
    private protected Expr()
    {
    }

    public abstract ExprType Type { get; }

    public sealed override string ToString() => PromQLPrinter.Print(this);
}
