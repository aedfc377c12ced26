using System.Diagnostics;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// One breach: from the request that first carries <see cref="AlertRuleFile.TriggerValue"/> for one series until its
/// rule's firing alert reaches the receiver. Times are <see cref="Stopwatch"/> timestamps of this process; 0 is "not yet".
/// Written by the series' sender only; others may read it at any time (a long is read whole on 64-bit).
/// </summary>
public sealed class Trigger(int series, int metric, int instance, long scheduledAt)
{
    public int Series { get; } = series;

    public int Metric { get; } = metric;

    /// <summary>When the schedule created the breach.</summary>
    public long ScheduledAt { get; } = scheduledAt;

    public string AlertName { get; } = AlertSeries.AlertName(metric);

    public string Instance { get; } = AlertSeries.InstanceName(instance);

    /// <summary>When the first request carrying the breach was encoded.</summary>
    public long SentAt { get; private set; }

    /// <summary>When the first request carrying the breach was acknowledged (HTTP 2xx received); latency starts here.</summary>
    public long AcknowledgedAt { get; private set; }

    public void Sent(long now)
    {
        if (SentAt == 0) SentAt = now;
    }

    public void Acknowledged(long now)
    {
        if (AcknowledgedAt == 0) AcknowledgedAt = now;
    }

    /// <summary>
    /// Whether the series may go back to normal values: its breach was acknowledged and has been held for
    /// <paramref name="hold"/> since it was first sent.
    /// </summary>
    public bool Over(long now, TimeSpan hold) => AcknowledgedAt != 0 && Stopwatch.GetElapsedTime(SentAt, now) >= hold;
}
