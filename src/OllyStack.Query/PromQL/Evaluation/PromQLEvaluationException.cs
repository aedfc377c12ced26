namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>A query that parsed but cannot be evaluated on the data, with Prometheus' wording of the reason.</summary>
public sealed class PromQLEvaluationException(string message) : Exception(message);
