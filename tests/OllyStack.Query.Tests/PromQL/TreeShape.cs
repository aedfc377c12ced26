using OllyStack.Query.PromQL;

namespace OllyStack.Query.Tests.PromQL;

/// <summary>
/// Writes a tree as an S-expression, <c>(+ 1 (* 2 3))</c>, so cases can state how a query groups, which its
/// canonical text does not show. Selectors and literals appear as their PromQL text.
/// </summary>
internal static class TreeShape
{
    public static string Of(Expr expr) => expr switch
    {
        BinaryExpr binary => $"({binary.Op.Symbol()} {Of(binary.Lhs)} {Of(binary.Rhs)})",
        UnaryExpr unary => $"({(unary.Op == UnaryOp.Minus ? "neg" : "pos")} {Of(unary.Expr)})",
        ParenExpr paren => $"(paren {Of(paren.Expr)})",
        AggregateExpr aggregate => $"({aggregate.Op.Name()} {(aggregate.Param is null ? "" : Of(aggregate.Param) + " ")}{Of(aggregate.Expr)})",
        Call call => $"({call.Function.Name}{string.Concat(call.Args.Select(a => " " + Of(a)))})",
        SubqueryExpr subquery => $"(subquery {Of(subquery.Expr)})",
        _ => expr.ToString(),
    };
}
