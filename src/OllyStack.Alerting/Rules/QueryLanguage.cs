namespace OllyStack.Alerting.Rules;

/// <summary>
/// The language of a rule's expression: PromQL over metrics (and the span RED metrics), or a LogQL metric query over
/// logs, as Loki's ruler runs them. See <see cref="RuleQueryParser"/> for how a rule says which.
/// </summary>
public enum QueryLanguage
{
    PromQL,
    LogQL,
}
