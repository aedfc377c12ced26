namespace OllyStack.Alerting.Rules.Status;

/// <summary>Whether a rule's last evaluation worked (Prometheus' <c>ok</c>, <c>err</c>, <c>unknown</c> before the first).</summary>
public enum RuleHealth
{
    Unknown,
    Ok,
    Err,
}
