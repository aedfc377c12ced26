namespace OllyStack.Query.LogQL.Syntax;

/// <summary>Parses LogQL as Loki 2.9/3.x does (see docs/logql.md for what is supported).</summary>
public static class LogQLParser
{
    /// <summary>A log query (<see cref="LogSelectorExpr"/>) or a metric query (<see cref="MetricExpr"/>).</summary>
    /// <exception cref="LogQLParseException">The query is not valid LogQL; the only exception bad input causes.</exception>
    public static LogQLExpr Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SyntaxParser.Parse(query);
    }
}
