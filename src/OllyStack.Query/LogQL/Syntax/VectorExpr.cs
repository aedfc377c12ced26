namespace OllyStack.Query.LogQL.Syntax;

/// <summary><c>vector(0)</c>: one sample without labels, at every step (typically <c>... or vector(0)</c>).</summary>
public sealed record VectorExpr(double Value) : MetricExpr;
