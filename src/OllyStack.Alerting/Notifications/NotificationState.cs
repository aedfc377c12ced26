using System.Collections.Frozen;

namespace OllyStack.Alerting.Notifications;

/// <summary>
/// What each integration was last told about each group (Alertmanager's notification log): the firing and resolved
/// alerts of the last delivered notification and when. It decides whether a flush needs to notify at all. Held in
/// memory: after a restart, groups that still fire are notified once more.
/// </summary>
internal sealed class NotificationState
{
    /// <summary>How long an entry outlives its last notification (Alertmanager's data retention).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(120);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public void Record(string key, IReadOnlySet<ulong> firing, IReadOnlySet<ulong> resolved, DateTimeOffset now) =>
        _entries[key] = new Entry(firing.ToFrozenSet(), resolved.ToFrozenSet(), now);

    /// <summary>
    /// Alertmanager's rule: notify when an alert fires that the last notification did not list as firing; when all
    /// are resolved and the last notification had firing ones (whatever send_resolved says, so the log is cleared);
    /// when send_resolved and an alert resolved that the last one did not list as resolved; or when repeat_interval has
    /// passed since. Integrations that forward to an Alertmanager are also told whenever anything fires.
    /// </summary>
    public bool NeedsUpdate(string key, IReadOnlySet<ulong> firing, IReadOnlySet<ulong> resolved, bool sendResolved, bool resendsEveryFlush, TimeSpan repeat, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry)) return firing.Count > 0;
        if (!firing.IsSubsetOf(entry.Firing)) return true;
        if (firing.Count == 0) return entry.Firing.Count > 0;
        if (resendsEveryFlush) return true;
        if (sendResolved && !resolved.IsSubsetOf(entry.Resolved)) return true;
        return entry.Timestamp <= now - repeat;
    }

    public void RemoveOlderThan(DateTimeOffset cutoff)
    {
        foreach (var key in _entries.Where(e => e.Value.Timestamp < cutoff).Select(e => e.Key).ToList()) _entries.Remove(key);
    }

    private sealed record Entry(FrozenSet<ulong> Firing, FrozenSet<ulong> Resolved, DateTimeOffset Timestamp);
}
