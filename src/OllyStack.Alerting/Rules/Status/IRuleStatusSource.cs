namespace OllyStack.Alerting.Rules.Status;

/// <summary>
/// Where the rules API learns how each rule runs. The rule engine implements it; the API only renders it. Rules and
/// groups are the store's instances (<see cref="OllyStack.Alerting.Rules.RuleStore"/>), which the engine keeps its state by.
/// </summary>
public interface IRuleStatusSource
{
    /// <summary>The rule's status, or null when the engine does not run it (yet): shown as health unknown, inactive.</summary>
    RuleStatus? StatusOf(RuleGroup group, Rule rule);

    /// <summary>The group's status, or null before its first evaluation.</summary>
    RuleGroupStatus? StatusOf(RuleGroup group);
}
