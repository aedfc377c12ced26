namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// <c>a + b</c>, <c>a &gt; bool 1</c>, <c>a / on (job) b</c>. <see cref="Matching"/> says which labels pair vector
/// samples (all of them when null).
/// </summary>
public sealed record BinaryOpExpr(BinaryOperator Op, MetricExpr Left, MetricExpr Right, bool ReturnBool, VectorMatching? Matching) : MetricExpr;

/// <summary><c>on (a, b)</c> pairs samples by those labels only; <c>ignoring (a, b)</c> by all others.</summary>
public sealed record VectorMatching(bool On, IReadOnlyList<string> Labels);
