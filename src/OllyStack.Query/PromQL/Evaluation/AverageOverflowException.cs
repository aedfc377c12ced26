namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>The sums of a streamed average overflowed: only the step-ordered incremental mean gives Prometheus' answer.</summary>
internal sealed class AverageOverflowException : Exception;
