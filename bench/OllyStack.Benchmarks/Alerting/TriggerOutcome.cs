namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// What became of one breach: how long its request took to be acknowledged (from encoding), and the latency to its
/// firing alert, or null when it did not arrive within the time-out (or its request was never acknowledged).
/// <paramref name="ScheduledSeconds"/> is its time since the start of the measurement window.
/// </summary>
public sealed record TriggerOutcome(string AlertName, string Instance, string Expression, double ScheduledSeconds, double? AcknowledgeMs, double? LatencyMs);
