namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// <c>count_over_time({...}[5m])</c>, <c>quantile_over_time(0.99, {...} | unwrap x [5m]) by (a)</c>: one sample per
/// series and step from the log lines in the step's window. <see cref="Parameter"/> is the quantile's φ.
/// </summary>
public sealed record RangeAggregationExpr(RangeOp Op, LogRangeExpr Range, double? Parameter, Grouping? Grouping) : MetricExpr;
