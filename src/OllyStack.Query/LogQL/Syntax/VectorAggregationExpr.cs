namespace OllyStack.Query.LogQL.Syntax;

/// <summary><c>sum by (a) (...)</c>, <c>topk(5, ...)</c>, <c>sort_desc(...)</c>. <see cref="Parameter"/> is topk's and bottomk's k.</summary>
public sealed record VectorAggregationExpr(VectorOp Op, MetricExpr Inner, Grouping? Grouping, double? Parameter) : MetricExpr;
