namespace OllyStack.Alerting.Engine;

/// <summary>What evaluating rules produced, gathered per batch of evaluations: alerts to notify, samples to write.</summary>
internal sealed class RuleOutput
{
    public List<Alert> Alerts { get; } = [];

    public List<RuleSample> Samples { get; } = [];

    public bool IsEmpty => Alerts.Count == 0 && Samples.Count == 0;

    public void Clear()
    {
        Alerts.Clear();
        Samples.Clear();
    }
}
