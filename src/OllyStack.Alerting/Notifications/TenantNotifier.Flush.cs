using OllyStack.Alerting.Notifications.Delivery;

namespace OllyStack.Alerting.Notifications;

public sealed partial class TenantNotifier
{
    /// <summary>Under the lock: decides per integration whether the group's state needs telling, and queues what does.</summary>
    private void Flush(AggregationGroup group, DateTimeOffset now)
    {
        var all = group.Alerts.Values.ToList();
        var visible = all.Where(a => !IsMuted(a.Alert.Labels, now)).OrderBy(a => a.Alert.Labels).ToList();
        var firing = visible.Where(a => !a.IsResolvedAt(now)).Select(a => a.Fingerprint).ToHashSet();
        var resolved = visible.Where(a => a.IsResolvedAt(now)).Select(a => a.Fingerprint).ToHashSet();
        var integrations = _integrations[group.Route.Receiver];
        var notifiedResolved = all.Where(a => a.IsResolvedAt(now)).ToList();
        if (integrations.Length == 0)
        {
            DropNotifiedResolved(group, notifiedResolved);
            return;
        }
        var ticket = new FlushTicket(group, notifiedResolved, integrations.Length);
        foreach (var integration in integrations)
        {
            var key = $"{group.Key}|{integration.Receiver}|{integration.Name}";
            var send = visible.Where(a => integration.SendResolved || !a.IsResolvedAt(now)).ToList();
            if (visible.Count == 0 || !_state.NeedsUpdate(key, firing, resolved, integration.SendResolved, integration.ResendsEveryFlush, group.Route.RepeatInterval, now))
            {
                Completed(ticket, delivered: true);
                continue;
            }
            if (send.Count == 0)
            {
                // Only resolved alerts, which this integration does not want: remember it knows, send nothing.
                _state.Record(key, firing, resolved, now);
                Completed(ticket, delivered: true);
                continue;
            }
            var notification = new Notification(integration.Receiver, group.Key, group.Labels, send.Select(a => a.AsNotifiedAt(now)).ToList(), _externalUrl);
            _deliveries.Enqueue(key, new QueuedNotification(Tenant, integration, notification, group.Route.GroupInterval, delivered => Delivered(ticket, key, firing, resolved, delivered)));
        }
    }

    private void Delivered(FlushTicket ticket, string key, HashSet<ulong> firing, HashSet<ulong> resolved, bool delivered)
    {
        lock (_gate)
        {
            if (delivered) _state.Record(key, firing, resolved, _time.GetUtcNow());
            Completed(ticket, delivered);
        }
    }

    private void Completed(FlushTicket ticket, bool delivered)
    {
        if (ticket.Complete(delivered)) DropNotifiedResolved(ticket.Group, ticket.Resolved);
    }

    /// <summary>Resolved alerts every integration has heard about leave the group; an empty group goes away.</summary>
    private void DropNotifiedResolved(AggregationGroup group, IReadOnlyList<StoredAlert> resolved)
    {
        group.DeleteUnchanged(resolved);
        if (group.Alerts.Count > 0 || group.Removed) return;
        group.Remove();
        _groups.Remove(group.Id);
    }
}
