using System.Diagnostics;
using OllyStack.Alerting.Evaluation;
using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Alerting.Rules.Templates;
using OllyStack.Core.Metrics;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Engine;

/// <summary>
/// One rule as the engine runs it: turns each result of its expression into alerts (Prometheus' alerting rule) or
/// recorded samples (its recording rule), and keeps what survives between evaluations — the alert states, the series
/// it wrote last time (so the ones that disappear get stale markers), its health. A rule instance keeps its runner
/// across reloads. Evaluations and status reads may come from different threads; each takes the runner's lock.
/// </summary>
internal sealed class RuleRunner
{
    private const string AlertsMetric = "ALERTS";
    private const string AlertsForStateMetric = "ALERTS_FOR_STATE";
    private const string AlertNameLabel = "alertname";
    private const string AlertStateLabel = "alertstate";

    private readonly Lock _gate = new();
    private HashSet<Labels> _written = [];
    private RuleHealth _health = RuleHealth.Unknown;
    private string? _lastError;
    private TimeSpan _evaluationTime;
    private DateTimeOffset? _lastEvaluation;

    public RuleRunner(Rule rule, EvaluationMode mode)
    {
        Rule = rule;
        Mode = mode;
        Alerts = rule.Kind == RuleKind.Alerting ? new AlertingRuleState(rule.For, rule.KeepFiringFor) : null;
    }

    public Rule Rule { get; }

    public EvaluationMode Mode { get; }

    /// <summary>The alert states of an alerting rule; null for a recording rule.</summary>
    public AlertingRuleState? Alerts { get; }

    public long Changes
    {
        get
        {
            lock (_gate) return Alerts?.Changes ?? 0;
        }
    }

    /// <summary>
    /// Evaluates the rule at <paramref name="timeMs"/> with <paramref name="query"/> and adds what it produced to
    /// <paramref name="output"/>; a failed query marks the rule unhealthy and changes nothing else. Without
    /// <paramref name="alertSeries"/>, ALERTS samples are written only when an alert changed (the stream evaluates far
    /// more often than the series need a point).
    /// </summary>
    public void Evaluate(RuleGroup group, long timeMs, Func<IReadOnlyList<Sample>> query, RuleContext context, RuleOutput output, bool alertSeries = true)
    {
        lock (_gate)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = query();
                if (Alerts is null) Record(group, timeMs, result, output);
                else Alert(group, timeMs, result, context, output, alertSeries);
                _health = RuleHealth.Ok;
                _lastError = null;
            }
            catch (RuleEvaluationException e)
            {
                _health = RuleHealth.Err;
                _lastError = e.Message;
            }
            _evaluationTime = Stopwatch.GetElapsedTime(started);
            _lastEvaluation = DateTimeOffset.FromUnixTimeMilliseconds(timeMs);
        }
    }

    public RuleStatus Status()
    {
        lock (_gate)
        {
            var alerts = Alerts?.Alerts.Where(a => a.State != AlertState.Inactive).Select(ToStatus).ToList() ?? [];
            return new RuleStatus(Mode, _health, _lastError, _evaluationTime, _lastEvaluation, alerts);
        }
    }

    /// <summary>A copy of the alerts, for the state file.</summary>
    public IReadOnlyList<ActiveAlert> SnapshotAlerts()
    {
        lock (_gate) return Alerts?.Alerts.Select(Copy).ToList() ?? [];
    }

    private void Record(RuleGroup group, long timeMs, IReadOnlyList<Sample> result, RuleOutput output)
    {
        var samples = new List<RuleSample>(result.Count);
        var seen = new HashSet<Labels>(result.Count);
        foreach (var sample in result)
        {
            var labels = WithLabels(sample.Labels, group.Labels, Rule.Labels).With(Labels.MetricName, Rule.Name);
            if (!seen.Add(labels)) throw new RuleEvaluationException("vector contains metrics with the same labelset after applying rule labels");
            samples.Add(new RuleSample(labels, timeMs, sample.Value));
        }
        if (group.Limit > 0 && samples.Count > group.Limit)
        {
            WriteStaleMarkers(timeMs, [], output);
            throw new RuleEvaluationException($"exceeded limit of {group.Limit} with {samples.Count} series");
        }
        output.Samples.AddRange(samples);
        WriteStaleMarkers(timeMs, seen, output);
    }

    private void Alert(RuleGroup group, long timeMs, IReadOnlyList<Sample> result, RuleContext context, RuleOutput output, bool alertSeries)
    {
        var changes = Alerts!.Changes;
        var results = new List<RuleResult>(result.Count);
        foreach (var sample in result)
        {
            var data = new AlertTemplateData(sample.Labels, sample.Value, Labels.Empty, context.ExternalUrl);
            var labels = WithLabels(sample.Labels.WithoutMetricName(), group.Labels, Rule.RenderLabels(data)).With(AlertNameLabel, Rule.Name);
            results.Add(new RuleResult(labels, Rule.RenderAnnotations(data), sample.Value));
        }
        try
        {
            Alerts.Apply(timeMs, results);
        }
        catch (AlertEvaluationException e)
        {
            throw new RuleEvaluationException(e.Message);
        }
        var active = Alerts.Alerts.Count(a => a.State != AlertState.Inactive);
        if (group.Limit > 0 && active > group.Limit)
        {
            Alerts.Clear();
            WriteStaleMarkers(timeMs, [], output);
            throw new RuleEvaluationException($"exceeded limit of {group.Limit} with {active} alerts");
        }
        foreach (var alert in Alerts.TakeDue(timeMs, context.ResendDelay)) output.Alerts.Add(ToAlert(alert, timeMs, context));
        if (alertSeries || Alerts.Changes != changes) WriteAlertSeries(timeMs, output);
    }

    /// <summary>ALERTS{alertstate=...} 1 and ALERTS_FOR_STATE = the time the alert became active, for pending and firing alerts.</summary>
    private void WriteAlertSeries(long timeMs, RuleOutput output)
    {
        var written = new HashSet<Labels>();
        foreach (var alert in Alerts!.Alerts)
        {
            if (alert.State == AlertState.Inactive) continue;
            var state = alert.State == AlertState.Firing ? "firing" : "pending";
            var alerts = alert.Labels.With(Labels.MetricName, AlertsMetric).With(AlertStateLabel, state);
            var forState = alert.Labels.With(Labels.MetricName, AlertsForStateMetric);
            output.Samples.Add(new RuleSample(alerts, timeMs, 1));
            output.Samples.Add(new RuleSample(forState, timeMs, alert.ActiveAtMs / 1000.0));
            written.Add(alerts);
            written.Add(forState);
        }
        WriteStaleMarkers(timeMs, written, output);
    }

    /// <summary>Ends, with a stale marker, every series written last time and not now, so queries stop seeing it at once.</summary>
    private void WriteStaleMarkers(long timeMs, HashSet<Labels> written, RuleOutput output)
    {
        foreach (var labels in _written)
            if (!written.Contains(labels)) output.Samples.Add(new RuleSample(labels, timeMs, StaleMarker.Value));
        _written = written;
    }

    /// <summary>The sample's labels with the group's labels, then the rule's, set over them; an empty value removes a label.</summary>
    private static Labels WithLabels(Labels labels, Labels groupLabels, Labels ruleLabels)
    {
        foreach (var label in groupLabels)
            if (ruleLabels.Get(label.Name).Length == 0) labels = Set(labels, label);
        foreach (var label in ruleLabels) labels = Set(labels, label);
        return labels;
    }

    private static Labels Set(Labels labels, Label label) => label.Value.Length == 0 ? labels.Without(label.Name) : labels.With(label.Name, label.Value);

    /// <summary>
    /// The alert as Prometheus sends it: starting when it fired; a firing alert valid for four resend delays (or
    /// intervals), so a notifier that stops hearing from us resolves it; a resolved one ending when it resolved.
    /// </summary>
    private Alert ToAlert(ActiveAlert alert, long timeMs, RuleContext context)
    {
        var endsAtMs = alert.ResolvedAtMs != 0 ? alert.ResolvedAtMs : timeMs + 4 * (long)Math.Max(context.ResendDelay.TotalMilliseconds, context.Interval.TotalMilliseconds);
        return new Alert(
            alert.Labels, alert.Annotations, DateTimeOffset.FromUnixTimeMilliseconds(alert.FiredAtMs), DateTimeOffset.FromUnixTimeMilliseconds(endsAtMs),
            context.GeneratorUrl(Rule));
    }

    private static ActiveAlertStatus ToStatus(ActiveAlert alert) => new(
        alert.Labels, alert.Annotations, alert.State, DateTimeOffset.FromUnixTimeMilliseconds(alert.ActiveAtMs),
        alert.KeepFiringSinceMs == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(alert.KeepFiringSinceMs), alert.Value);

    private static ActiveAlert Copy(ActiveAlert alert) => new(alert.Labels, alert.ActiveAtMs)
    {
        Annotations = alert.Annotations,
        Value = alert.Value,
        State = alert.State,
        FiredAtMs = alert.FiredAtMs,
        ResolvedAtMs = alert.ResolvedAtMs,
        LastSentAtMs = alert.LastSentAtMs,
        KeepFiringSinceMs = alert.KeepFiringSinceMs,
    };
}
