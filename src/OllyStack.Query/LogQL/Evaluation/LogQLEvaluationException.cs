namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>
/// A valid query that cannot be evaluated as asked: a log query sent as an instant query, a bad step, or a metric
/// query whose lines carry pipeline errors it did not filter out. The message is meant for the user (a 400 answer).
/// </summary>
public sealed class LogQLEvaluationException(string message) : Exception(message);
