namespace OllyStack.Alerting.Engine;

/// <summary>A rule's evaluation failed; the rule reports it as its last error and keeps its alerts as they were.</summary>
public sealed class RuleEvaluationException(string message) : Exception(message);
