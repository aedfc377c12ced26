namespace OllyStack.Alerting.Notifications;

/// <summary>
/// An alert as the notifier holds it: with the end it is resolved at (its own, or, for one that came without, the time
/// it was last received plus resolve_timeout, flagged <see cref="TimedOut"/>) and when it was last received.
/// </summary>
internal sealed record StoredAlert(Alert Alert, DateTimeOffset EndsAt, bool TimedOut, DateTimeOffset UpdatedAt)
{
    public ulong Fingerprint => Alert.Fingerprint;

    public bool IsResolvedAt(DateTimeOffset now) => EndsAt <= now;

    public static StoredAlert Received(Alert alert, DateTimeOffset now, TimeSpan resolveTimeout) =>
        alert.EndsAt is { } end ? new StoredAlert(alert, end, false, now) : new StoredAlert(alert, now + resolveTimeout, true, now);

    /// <summary>
    /// Alertmanager's merge of a newer copy into this one, when their active ranges overlap: the earliest start stays;
    /// an explicit end that is later beats a time-out; of two resolved copies the later end wins. Copies that do not
    /// overlap are separate firings, and the newer one replaces this.
    /// </summary>
    public StoredAlert Merge(StoredAlert newer)
    {
        var overlaps = (newer.EndsAt > Alert.StartsAt && newer.EndsAt < EndsAt) || (newer.Alert.StartsAt > Alert.StartsAt && newer.Alert.StartsAt < EndsAt);
        if (!overlaps) return newer;
        var startsAt = Alert.StartsAt < newer.Alert.StartsAt ? Alert.StartsAt : newer.Alert.StartsAt;
        var endsAt = newer.EndsAt;
        var timedOut = newer.TimedOut;
        var now = newer.UpdatedAt;
        var keepOurEnd = newer.IsResolvedAt(now) ? IsResolvedAt(now) && EndsAt > newer.EndsAt : EndsAt > newer.EndsAt && !TimedOut;
        if (keepOurEnd)
        {
            endsAt = EndsAt;
            timedOut = TimedOut;
        }
        return newer with { Alert = newer.Alert with { StartsAt = startsAt }, EndsAt = endsAt, TimedOut = timedOut };
    }

    /// <summary>The alert as a notification shows it: no end while it fires, its end once resolved.</summary>
    public Alert AsNotifiedAt(DateTimeOffset now) => Alert with { EndsAt = IsResolvedAt(now) ? EndsAt : null };
}
