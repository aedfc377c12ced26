namespace OllyStack.Alerting.Rules;

/// <summary>What a rule does with its expression's result: raise alerts, or record it as a new series.</summary>
public enum RuleKind
{
    Alerting,
    Recording,
}
