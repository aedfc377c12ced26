namespace OllyStack.Query.PromQL;

/// <summary>Parses PromQL as Prometheus 2.x does.</summary>
public static class PromQLParser
{
    /// <summary>
    /// Parses and type-checks one expression. Any expression type is accepted at the top level, as Prometheus'
    /// parser does; whether a query may return a range vector or a string is the query API's decision.
    /// </summary>
    /// <exception cref="PromQLParseException">The query is not valid PromQL; the only exception bad input causes.</exception>
    public static Expr Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (expr, map) = SyntaxParser.Parse(query);
        TypeChecker.Check(expr, query, map);
        return expr;
    }
}
