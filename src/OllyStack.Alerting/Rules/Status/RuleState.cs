namespace OllyStack.Alerting.Rules.Status;

/// <summary>
/// Prometheus' state of an alert, and of an alerting rule (that of its most advanced alert): inactive, pending
/// (its condition holds, for less than the rule's <c>for</c>) or firing.
/// </summary>
public enum RuleState
{
    Inactive,
    Pending,
    Firing,
}
