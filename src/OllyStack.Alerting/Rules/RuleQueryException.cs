namespace OllyStack.Alerting.Rules;

/// <summary>A rule expression that does not parse, or parses to something a rule cannot evaluate.</summary>
public sealed class RuleQueryException(string message) : Exception(message);
