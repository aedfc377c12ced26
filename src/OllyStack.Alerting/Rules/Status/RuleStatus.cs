using OllyStack.Alerting.Evaluation;

namespace OllyStack.Alerting.Rules.Status;

/// <summary>What the engine knows of one rule: how it runs, how its last evaluation went, its active alerts.</summary>
/// <param name="LastError">Why the last evaluation failed; null when it worked.</param>
/// <param name="LastEvaluation">When it was last evaluated; null before the first evaluation.</param>
/// <param name="Alerts">Pending and firing alerts; always empty for a recording rule.</param>
public sealed record RuleStatus(
    EvaluationMode Mode, RuleHealth Health, string? LastError, TimeSpan EvaluationTime, DateTimeOffset? LastEvaluation, IReadOnlyList<ActiveAlertStatus> Alerts)
{
    /// <summary>The state of the most advanced alert, inactive when there is none.</summary>
    public AlertState State => Alerts.Count == 0 ? AlertState.Inactive : Alerts.Max(a => a.State);
}
