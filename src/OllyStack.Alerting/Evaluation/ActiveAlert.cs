using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Evaluation;

/// <summary>
/// One alert of an alerting rule as the rule tracks it between evaluations: the label set that identifies it, what
/// its last evaluation said, and the times Prometheus keeps (times are Unix milliseconds; 0 means never).
/// </summary>
public sealed class ActiveAlert(Labels labels, long activeAtMs)
{
    public Labels Labels { get; } = labels;

    public Labels Annotations { get; set; } = Labels.Empty;

    public double Value { get; set; }

    public AlertState State { get; set; } = AlertState.Pending;

    /// <summary>When the expression first returned it (the start of <c>for</c>).</summary>
    public long ActiveAtMs { get; set; } = activeAtMs;

    public long FiredAtMs { get; set; }

    public long ResolvedAtMs { get; set; }

    public long LastSentAtMs { get; set; }

    /// <summary>When the expression stopped returning it while <c>keep_firing_for</c> holds it firing.</summary>
    public long KeepFiringSinceMs { get; set; }
}
