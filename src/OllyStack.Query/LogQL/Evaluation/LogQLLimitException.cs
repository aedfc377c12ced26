namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>A query exceeded one of its <see cref="LogQLLimits"/>; the message names the limit and its value, for a 400-style answer.</summary>
public sealed class LogQLLimitException(string message) : Exception(message);
