namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// A parsed LogQL query: a <see cref="LogSelectorExpr"/> (a log query, which returns lines) or a
/// <see cref="MetricExpr"/> (which returns samples). Nodes hold lists, so they compare by reference; compare printed
/// text to compare trees.
/// </summary>
public abstract record LogQLExpr
{
    /// <summary>Canonical LogQL that parses back to the same tree.</summary>
    public sealed override string ToString() => LogQLPrinter.Print(this);
}

/// <summary>A query that returns samples: aggregations, binary operations, literals, <c>vector()</c>, <c>label_replace()</c>.</summary>
public abstract record MetricExpr : LogQLExpr;
