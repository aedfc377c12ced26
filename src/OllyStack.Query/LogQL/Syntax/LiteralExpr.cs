namespace OllyStack.Query.LogQL.Syntax;

/// <summary>A number: a scalar.</summary>
public sealed record LiteralExpr(double Value) : MetricExpr;
