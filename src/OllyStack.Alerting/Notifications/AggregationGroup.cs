using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Notifications;

/// <summary>
/// The alerts of one route that share the values of its group_by labels: notified together, first after group_wait,
/// then at most every group_interval. Only the tenant notifier's lock guards it.
/// </summary>
internal sealed class AggregationGroup(Route route, Labels labels)
{
    public Route Route { get; } = route;

    public Labels Labels { get; } = labels;

    /// <summary>Alertmanager's group key, as webhooks receive it: <c>{}/{severity="critical"}:{alertname="Down"}</c>.</summary>
    public string Key { get; } = KeyOf(route, labels);

    /// <summary>Unique within the tenant even where sibling routes have the same matchers (and so the same key).</summary>
    public string Id { get; } = IdOf(route, labels);

    public Dictionary<ulong, StoredAlert> Alerts { get; } = [];

    public bool HasFlushed { get; set; }

    public DateTimeOffset NextFlushAt { get; private set; } = DateTimeOffset.MaxValue;

    public ITimer? Timer { get; set; }

    public bool Removed { get; private set; }

    public static string IdOf(Route route, Labels labels) => route.Id + ":" + labels;

    public static string KeyOf(Route route, Labels labels) => route.Key + ":" + labels;

    public void Schedule(DateTimeOffset now, TimeSpan due)
    {
        NextFlushAt = now + due;
        Timer!.Change(due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Drops resolved alerts that a completed flush told every integration about, unless one was received again since.</summary>
    public void DeleteUnchanged(IEnumerable<StoredAlert> notified)
    {
        foreach (var alert in notified)
            if (Alerts.TryGetValue(alert.Fingerprint, out var current) && ReferenceEquals(current, alert)) Alerts.Remove(alert.Fingerprint);
    }

    public void Remove()
    {
        Removed = true;
        Timer?.Dispose();
    }
}
