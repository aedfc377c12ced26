using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Evaluation;

/// <summary>
/// The alerts of one alerting rule across its evaluations, with Prometheus' state machine: a result not seen before
/// starts pending, fires once it has been returned for <c>for</c>, keeps firing for <c>keep_firing_for</c> after the
/// expression stops returning it, and is then resolved (inactive), kept <see cref="ResolvedRetention"/> so that
/// notifications report it resolved. A pending alert that disappears is simply dropped.
/// </summary>
public sealed class AlertingRuleState(TimeSpan forDuration, TimeSpan keepFiringFor)
{
    public static readonly TimeSpan ResolvedRetention = TimeSpan.FromMinutes(15);

    private readonly Dictionary<Labels, ActiveAlert> _alerts = [];
    private readonly long _forMs = (long)forDuration.TotalMilliseconds;
    private readonly long _keepFiringForMs = (long)keepFiringFor.TotalMilliseconds;

    public IReadOnlyCollection<ActiveAlert> Alerts => _alerts.Values;

    /// <summary>
    /// Grows whenever an alert appears, changes state or goes: what the engine persists. Values and annotations that
    /// change every evaluation do not count.
    /// </summary>
    public long Changes { get; private set; }

    /// <summary>Puts back an alert as it was before a restart; the next evaluation carries it on.</summary>
    public void Restore(ActiveAlert alert) => _alerts[alert.Labels] = alert;

    /// <summary>Forgets every alert, as Prometheus does when a rule exceeds its group's limit.</summary>
    public void Clear()
    {
        if (_alerts.Count == 0) return;
        _alerts.Clear();
        Changes++;
    }

    /// <summary>Takes the rule's result at <paramref name="timeMs"/>.</summary>
    /// <exception cref="AlertEvaluationException">Two results have the same labels; nothing changes.</exception>
    public void Apply(long timeMs, IReadOnlyList<RuleResult> results)
    {
        var returned = new HashSet<Labels>(results.Count);
        foreach (var result in results)
            if (!returned.Add(result.Labels)) throw new AlertEvaluationException("vector contains metrics with the same labelset after applying alert labels");
        foreach (var result in results)
        {
            if (!_alerts.TryGetValue(result.Labels, out var alert) || alert.State == AlertState.Inactive)
            {
                _alerts[result.Labels] = alert = new ActiveAlert(result.Labels, timeMs);
                Changes++;
            }
            alert.Value = result.Value;
            alert.Annotations = result.Annotations;
        }
        foreach (var alert in _alerts.Values.ToList()) Advance(alert, timeMs, returned.Contains(alert.Labels));
    }

    /// <summary>
    /// The alerts a notifier should hear about at <paramref name="timeMs"/>, as Prometheus decides: firing ones when
    /// they start and again every <paramref name="resendDelay"/>, resolved ones as soon as they resolve and again every
    /// <paramref name="resendDelay"/> while kept; never pending ones. Marks them sent.
    /// </summary>
    public IReadOnlyList<ActiveAlert> TakeDue(long timeMs, TimeSpan resendDelay)
    {
        var due = new List<ActiveAlert>();
        foreach (var alert in _alerts.Values)
        {
            if (alert.State == AlertState.Pending) continue;
            var neverSent = alert.LastSentAtMs == 0;
            if (neverSent || alert.ResolvedAtMs > alert.LastSentAtMs || alert.LastSentAtMs + (long)resendDelay.TotalMilliseconds < timeMs)
            {
                alert.LastSentAtMs = timeMs;
                due.Add(alert);
            }
        }
        return due;
    }

    private void Advance(ActiveAlert alert, long timeMs, bool returned)
    {
        if (!returned)
        {
            var keepFiring = false;
            if (alert.State == AlertState.Firing && _keepFiringForMs > 0)
            {
                if (alert.KeepFiringSinceMs == 0) alert.KeepFiringSinceMs = timeMs;
                keepFiring = timeMs - alert.KeepFiringSinceMs < _keepFiringForMs;
            }
            if (alert.State == AlertState.Pending || (alert.ResolvedAtMs != 0 && timeMs - alert.ResolvedAtMs > (long)ResolvedRetention.TotalMilliseconds))
            {
                _alerts.Remove(alert.Labels);
                Changes++;
            }
            if (keepFiring) return;
            if (alert.State != AlertState.Inactive)
            {
                alert.State = AlertState.Inactive;
                alert.ResolvedAtMs = timeMs;
                Changes++;
            }
            return;
        }
        alert.KeepFiringSinceMs = 0;
        if (alert.State == AlertState.Pending && timeMs - alert.ActiveAtMs >= _forMs)
        {
            alert.State = AlertState.Firing;
            alert.FiredAtMs = timeMs;
            Changes++;
        }
    }
}
