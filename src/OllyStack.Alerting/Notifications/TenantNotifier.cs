using OllyStack.Alerting.Notifications.Configuration;
using OllyStack.Alerting.Notifications.Delivery;
using OllyStack.Alerting.Notifications.Silencing;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Notifications;

/// <summary>
/// One tenant's Alertmanager: takes the alerts rules hand over, routes them into aggregation groups, and at each
/// group's flush decides, per integration, whether to notify (deduplication, repeat interval, resolved), leaving out
/// silenced and inhibited alerts. <see cref="Notify"/> only updates memory and schedules; flushes run on timers and
/// deliveries on their own queues. All state is guarded by one lock; every time comes from the TimeProvider.
/// </summary>
public sealed partial class TenantNotifier : IAsyncDisposable
{
    /// <summary>How often resolved alerts and stale notification state are dropped (Alertmanager's GC interval).</summary>
    private static readonly TimeSpan CollectInterval = TimeSpan.FromMinutes(30);

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly HttpSender _http;
    private readonly string _externalUrl;
    private readonly DeliveryQueues _deliveries;
    private readonly Dictionary<ulong, StoredAlert> _alerts = [];
    private readonly NotificationState _state;
    private readonly ITimer _collector;
    private Dictionary<string, AggregationGroup> _groups = new(StringComparer.Ordinal);
    private Dictionary<string, Integration[]> _integrations = new(StringComparer.Ordinal);
    private AlertmanagerConfig? _config;

    internal TenantNotifier(
        string tenant, SilenceStore silences, NotificationState state, TimeProvider time, HttpSender http, RetryPolicy retry, int logCapacity, string externalUrl)
    {
        Tenant = tenant;
        Silences = silences;
        _state = state;
        Log = new NotificationLog(logCapacity);
        _time = time;
        _http = http;
        _externalUrl = externalUrl;
        _deliveries = new DeliveryQueues(time, retry, Log);
        _collector = time.CreateTimer(_ => Collect(), null, CollectInterval, CollectInterval);
    }

    public string Tenant { get; }

    public SilenceStore Silences { get; }

    public NotificationLog Log { get; }

    /// <summary>The configuration in force; null until the tenant has one (alerts are then kept, but notify no one).</summary>
    public AlertmanagerConfig? Config
    {
        get
        {
            lock (_gate) return _config;
        }
    }

    /// <summary>Notifications handed to receivers and not yet delivered or given up.</summary>
    public int PendingDeliveries => _deliveries.Pending;

    /// <summary>Takes firing and resolved alerts, as often as the rule engine sends them; returns at once.</summary>
    public void Notify(IReadOnlyList<Alert> alerts)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var resolveTimeout = _config?.Global.ResolveTimeout ?? GlobalConfig.Default.ResolveTimeout;
            var flushes = new Dictionary<AggregationGroup, TimeSpan>();
            foreach (var alert in alerts)
            {
                var received = StoredAlert.Received(alert, now, resolveTimeout);
                var stored = _alerts.TryGetValue(received.Fingerprint, out var previous) ? previous.Merge(received) : received;
                _alerts[stored.Fingerprint] = stored;
                Route(stored, now, _groups, flushes);
            }
            // After the whole batch is in, so a flush that is due at once sees all of it.
            foreach (var (group, due) in flushes) group.Schedule(now, due);
        }
    }

    /// <summary>Puts a new configuration in force. Alerts and silences stay; groups that still exist keep their schedule.</summary>
    public void ApplyConfig(AlertmanagerConfig config)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _config = config;
            _integrations = BuildIntegrations(config);
            var old = _groups;
            _groups = new Dictionary<string, AggregationGroup>(StringComparer.Ordinal);
            var flushes = new Dictionary<AggregationGroup, TimeSpan>();
            var carried = old.Values.SelectMany(g => g.Alerts.Values).Concat(_alerts.Values.Where(a => !a.IsResolvedAt(now)))
                .DistinctBy(a => a.Fingerprint).ToList();
            foreach (var alert in carried) Route(alert, now, _groups, flushes);
            foreach (var (group, due) in flushes)
            {
                if (old.TryGetValue(group.Id, out var before))
                {
                    group.HasFlushed = before.HasFlushed;
                    group.Schedule(now, before.NextFlushAt > now ? before.NextFlushAt - now : TimeSpan.Zero);
                }
                else group.Schedule(now, due);
            }
            foreach (var group in old.Values) group.Remove();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var group in _groups.Values) group.Remove();
            _groups.Clear();
        }
        _collector.Dispose();
        await _deliveries.DisposeAsync();
    }

    /// <summary>Adds the alert to the group of each route it matches; new groups and overdue first flushes go to <paramref name="flushes"/>.</summary>
    private void Route(StoredAlert alert, DateTimeOffset now, Dictionary<string, AggregationGroup> groups, Dictionary<AggregationGroup, TimeSpan> flushes)
    {
        if (_config is null) return;
        foreach (var route in _config.Route.Match(alert.Alert.Labels))
        {
            var labels = route.GroupBy.Apply(alert.Alert.Labels);
            if (!groups.TryGetValue(AggregationGroup.IdOf(route, labels), out var group))
            {
                // No group holds this alert and no receiver was told of it firing (the notification log survives restarts):
                // there is nothing to resolve.
                if (alert.IsResolvedAt(now) && !_state.ToldFiring(AggregationGroup.KeyOf(route, labels), alert.Fingerprint)) continue;
                group = new AggregationGroup(route, labels);
                group.Timer = _time.CreateTimer(_ => OnFlushDue(group), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                groups.Add(group.Id, group);
                flushes[group] = route.GroupWait;
            }
            group.Alerts[alert.Fingerprint] = alert;
            // An alert that started a group_wait ago or more is not held back by it (as in Alertmanager).
            if (!group.HasFlushed && alert.Alert.StartsAt + route.GroupWait <= now) flushes[group] = TimeSpan.Zero;
        }
    }

    private void OnFlushDue(AggregationGroup group)
    {
        lock (_gate)
        {
            if (group.Removed) return;
            var now = _time.GetUtcNow();
            group.HasFlushed = true;
            Flush(group, now);
            if (!group.Removed) group.Schedule(now, group.Route.GroupInterval);
        }
    }

    private void Collect()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var fingerprint in _alerts.Values.Where(a => a.IsResolvedAt(now)).Select(a => a.Fingerprint).ToList()) _alerts.Remove(fingerprint);
            _state.RemoveOlderThan(now - NotificationState.Retention);
        }
    }

    private Dictionary<string, Integration[]> BuildIntegrations(AlertmanagerConfig config) => config.Receivers.Values.ToDictionary(
        r => r.Name,
        r => r.Webhooks.Select((c, i) => (Integration)new WebhookIntegration(r.Name, i, c, _http))
            .Concat(r.Slack.Select((c, i) => new SlackIntegration(r.Name, i, c, _http)))
            .Concat(r.Alertmanagers.Select((c, i) => new ExternalAlertmanagerIntegration(r.Name, i, c, _http, _time)))
            .ToArray(),
        StringComparer.Ordinal);

    private bool IsMuted(Labels labels, DateTimeOffset now) => Silences.Mutes(labels, now) || IsInhibited(labels, now);

    /// <summary>
    /// Whether a firing alert inhibits one with these labels. An alert that matches both sides of a rule is not
    /// inhibited by alerts that also do (itself included), as in Alertmanager.
    /// </summary>
    private bool IsInhibited(Labels labels, DateTimeOffset now)
    {
        foreach (var rule in _config!.InhibitRules)
        {
            if (!rule.Target.Matches(labels)) continue;
            var alsoSource = rule.Source.Matches(labels);
            foreach (var source in _alerts.Values)
            {
                if (source.IsResolvedAt(now) || !rule.Source.Matches(source.Alert.Labels)) continue;
                if (alsoSource && rule.Target.Matches(source.Alert.Labels)) continue;
                if (rule.Equal.All(name => source.Alert.Labels.Get(name) == labels.Get(name))) return true;
            }
        }
        return false;
    }
}
