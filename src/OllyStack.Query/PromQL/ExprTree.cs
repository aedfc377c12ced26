namespace OllyStack.Query.PromQL;

/// <summary>Walks a parsed expression.</summary>
public static class ExprTree
{
    /// <summary>The node's direct subexpressions in source order (a range selector's child is its instant selector).</summary>
    public static IEnumerable<Expr> Children(Expr expr) => expr switch
    {
        ParenExpr paren => [paren.Expr],
        UnaryExpr unary => [unary.Expr],
        BinaryExpr binary => [binary.Lhs, binary.Rhs],
        AggregateExpr aggregate => aggregate.Param is null ? [aggregate.Expr] : [aggregate.Param, aggregate.Expr],
        Call call => call.Args,
        MatrixSelector range => [range.Selector],
        SubqueryExpr subquery => [subquery.Expr],
        _ => [],
    };

    /// <summary>The node and everything below it, parents before children.</summary>
    public static IEnumerable<Expr> SelfAndDescendants(Expr expr)
    {
        yield return expr;
        foreach (var child in Children(expr))
            foreach (var node in SelfAndDescendants(child)) yield return node;
    }
}
