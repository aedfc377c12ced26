namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>A query exceeded one of its <see cref="QueryLimits"/>; the message names the limit and its value.</summary>
public sealed class QueryLimitException(string message) : Exception(message);
