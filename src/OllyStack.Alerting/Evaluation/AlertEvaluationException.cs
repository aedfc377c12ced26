namespace OllyStack.Alerting.Evaluation;

/// <summary>An evaluation of a rule failed; the rule's health becomes "err" with this message until one succeeds.</summary>
public sealed class AlertEvaluationException(string message) : Exception(message);
