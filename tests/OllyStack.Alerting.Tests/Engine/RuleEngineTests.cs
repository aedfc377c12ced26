using OllyStack.Alerting.Evaluation;
using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Tests.Engine;

/// <summary>
/// The engine's interval evaluation end to end inside the process: rule files in, alerts to the notifier and samples to
/// the sink out, status for the rules API, state across reloads and restarts.
/// </summary>
public sealed class RuleEngineTests : IAsyncLifetime
{
    private const string Rules = """
        groups:
          - name: availability
            labels:
              team: infra
            rules:
              - alert: InstanceDown
                expr: up == 0
                for: 2s
                labels:
                  severity: page
                  instance_kind: '{{ $labels.job }}-node'
                annotations:
                  summary: '{{ $labels.instance }} of {{ $labels.job }} is down ({{ $value }})'
              - record: job:up:sum
                expr: sum by (job) (up)
                labels:
                  source: rule
        """;

    private static readonly DateTimeOffset T0 = RuleEngineHarness.Start;
    private readonly RuleEngineHarness _engine = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task An_alert_is_pending_for_its_for_duration_then_fires_and_is_notified_once()
    {
        _engine.Add("""up{job="api",instance="a"}""", T0, 0);
        _engine.Add("""up{job="api",instance="b"}""", T0, 1);
        await _engine.StartAsync(Rules);

        await _engine.EvaluateAsync("availability", T0);
        Assert.Empty(_engine.TakeNotified());
        Assert.Equal(AlertState.Pending, AlertOf("InstanceDown").State);

        await _engine.EvaluateAsync("availability", T0.AddSeconds(2));
        var alert = Assert.Single(_engine.TakeNotified());
        Assert.Equal(
            Labels.Of(("alertname", "InstanceDown"), ("instance", "a"), ("instance_kind", "api-node"), ("job", "api"), ("severity", "page"), ("team", "infra")),
            alert.Labels);
        Assert.Equal("a of api is down (0)", alert.Annotations.Get("summary"));
        Assert.Equal(T0.AddSeconds(2), alert.StartsAt);
        Assert.Equal(T0.AddSeconds(2).AddMinutes(4), alert.EndsAt);
        Assert.StartsWith("http://ollystack.example:8080/graph?g0.expr=up%20%3D%3D%200", alert.GeneratorUrl, StringComparison.Ordinal);

        await _engine.EvaluateAsync("availability", T0.AddSeconds(3));
        Assert.Empty(_engine.TakeNotified());
        Assert.Equal(AlertState.Firing, AlertOf("InstanceDown").State);
    }

    [Fact]
    public async Task A_cleared_condition_resolves_the_alert_and_notifies_it_resolved()
    {
        _engine.Add("""up{job="api",instance="a"}""", T0, 0);
        await _engine.StartAsync(Rules);
        await _engine.EvaluateAsync("availability", T0);
        await _engine.EvaluateAsync("availability", T0.AddSeconds(2));
        Assert.Single(_engine.TakeNotified());

        _engine.Add("""up{job="api",instance="a"}""", T0.AddSeconds(3), 1);
        await _engine.EvaluateAsync("availability", T0.AddSeconds(4));

        var resolved = Assert.Single(_engine.TakeNotified());
        Assert.Equal(T0.AddSeconds(4), resolved.EndsAt);
        Assert.Equal(T0.AddSeconds(2), resolved.StartsAt);
        Assert.Equal(AlertState.Inactive, _engine.Engine.StatusOf(Group(), Rule("InstanceDown"))!.State);
    }

    [Fact]
    public async Task Alerts_and_recorded_samples_are_written_as_series_with_stale_markers_when_they_end()
    {
        _engine.Add("""up{job="api",instance="a"}""", T0, 0);
        _engine.Add("""up{job="api",instance="b"}""", T0, 1);
        await _engine.StartAsync(Rules);

        await _engine.EvaluateAsync("availability", T0);
        var pending = Labels.Of(
            ("__name__", "ALERTS"), ("alertname", "InstanceDown"), ("alertstate", "pending"), ("instance", "a"), ("instance_kind", "api-node"),
            ("job", "api"), ("severity", "page"), ("team", "infra"));
        var written = _engine.Written.At(T0).ToDictionary(s => s.Labels, s => s.Value);
        Assert.Equal(1, written[pending]);
        Assert.Equal(T0.ToUnixTimeSeconds(), written[pending.Without("alertstate").With("__name__", "ALERTS_FOR_STATE")]);
        Assert.Equal(1, written[Labels.Of(("__name__", "job:up:sum"), ("job", "api"), ("source", "rule"), ("team", "infra"))]);

        await _engine.EvaluateAsync("availability", T0.AddSeconds(2));
        written = _engine.Written.At(T0.AddSeconds(2)).ToDictionary(s => s.Labels, s => s.Value);
        Assert.Equal(0x7ff0000000000002, BitConverter.DoubleToInt64Bits(written[pending]));
        Assert.Equal(1, written[pending.With("alertstate", "firing")]);
    }

    [Fact]
    public async Task A_failing_expression_marks_the_rule_unhealthy_and_keeps_its_alerts()
    {
        await _engine.StartAsync("""
            groups:
              - name: availability
                rules:
                  - alert: Duplicate
                    expr: label_replace(up, "instance", "x", "", "")
            """);
        _engine.Add("""up{job="api",instance="a"}""", T0, 0);
        await _engine.EvaluateAsync("availability", T0);
        Assert.Equal(RuleHealth.Ok, _engine.Engine.StatusOf(Group(), Rule("Duplicate"))!.Health);

        _engine.Add("""up{job="api",instance="b"}""", T0, 0);
        await _engine.EvaluateAsync("availability", T0.AddSeconds(1));

        var status = _engine.Engine.StatusOf(Group(), Rule("Duplicate"))!;
        Assert.Equal(RuleHealth.Err, status.Health);
        Assert.Contains("same labelset", status.LastError, StringComparison.Ordinal);
        Assert.Equal(AlertState.Firing, Assert.Single(status.Alerts).State);
    }

    [Fact]
    public async Task A_reload_that_changes_another_rule_keeps_the_alerts_of_unchanged_rules()
    {
        _engine.Add("""up{job="api",instance="a"}""", T0, 0);
        await _engine.StartAsync(Rules);
        await _engine.EvaluateAsync("availability", T0);
        var before = AlertOf("InstanceDown");

        File.WriteAllText(Path.Combine(_engine.Directory, "rules", RuleEngineHarness.Tenant, "rules.yaml"), Rules.Replace("source: rule", "source: reloaded", StringComparison.Ordinal));
        Assert.Empty(_engine.Store.Reload());
        await _engine.WaitForRulesAsync();
        await _engine.EvaluateAsync("availability", T0.AddSeconds(2));

        var after = AlertOf("InstanceDown");
        Assert.Equal(before.ActiveAt, after.ActiveAt);
        Assert.Equal(AlertState.Firing, after.State);
        Assert.Contains(_engine.Written.At(T0.AddSeconds(2)), s => s.Labels.Get("source") == "reloaded");
    }

    [Fact]
    public async Task Alert_state_survives_a_restart_and_the_firing_alert_is_sent_again_with_its_start()
    {
        _engine.Add("""up{job="api",instance="a"}""", T0, 0);
        _engine.Add("""up{job="api",instance="c"}""", T0.AddSeconds(1), 0);
        await _engine.StartAsync(Rules);
        await _engine.EvaluateAsync("availability", T0);
        await _engine.EvaluateAsync("availability", T0.AddSeconds(2));
        Assert.Single(_engine.TakeNotified());

        await _engine.RestartAsync();
        var restored = _engine.Engine.StatusOf(Group(), Rule("InstanceDown"))!.Alerts.ToDictionary(a => a.Labels.Get("instance"));
        Assert.Equal(AlertState.Firing, restored["a"].State);
        Assert.Equal(T0, restored["a"].ActiveAt);
        Assert.Equal(AlertState.Pending, restored["c"].State);
        Assert.Equal(T0.AddSeconds(2), restored["c"].ActiveAt);

        await _engine.EvaluateAsync("availability", T0.AddSeconds(4));
        var sent = _engine.TakeNotified().ToDictionary(a => a.Labels.Get("instance"));
        Assert.Equal(T0.AddSeconds(2), sent["a"].StartsAt);
        Assert.Equal(T0.AddSeconds(4), sent["c"].StartsAt);
    }

    [Fact]
    public async Task A_deleted_group_stops_and_its_state_file_goes()
    {
        _engine.Add("""up{job="api",instance="a"}""", T0, 0);
        await _engine.StartAsync(Rules);
        await _engine.EvaluateAsync("availability", T0);
        var stateFile = Assert.Single(Directory.GetFiles(Path.Combine(_engine.StateDirectory, RuleEngineHarness.Tenant)));
        var group = Group();

        File.Delete(Path.Combine(_engine.Directory, "rules", RuleEngineHarness.Tenant, "rules.yaml"));
        Assert.Empty(_engine.Store.Reload());
        await _engine.WaitForRulesAsync();

        Assert.False(File.Exists(stateFile));
        Assert.Null(_engine.Engine.StatusOf(group, group.Rules[0]));
    }

    [Fact]
    public async Task A_scalar_expression_alerts_once_without_labels_but_the_rule_ones()
    {
        await _engine.StartAsync("""
            groups:
              - name: availability
                rules:
                  - alert: Always
                    expr: vector(1) > 0
                  - alert: Scalar
                    expr: scalar(vector(2))
            """);
        await _engine.EvaluateAsync("availability", T0);
        var alerts = _engine.TakeNotified().ToDictionary(a => a.Labels.Get("alertname"));
        Assert.Equal(Labels.Of(("alertname", "Scalar")), alerts["Scalar"].Labels);
        Assert.Equal(Labels.Of(("alertname", "Always")), alerts["Always"].Labels);
    }

    [Fact]
    public async Task A_group_limit_refuses_a_result_with_too_many_alerts_and_clears_the_rule()
    {
        await _engine.StartAsync("""
            groups:
              - name: availability
                limit: 1
                rules:
                  - alert: InstanceDown
                    expr: up == 0
            """);
        _engine.Add("""up{job="api",instance="a"}""", T0, 0);
        _engine.Add("""up{job="api",instance="b"}""", T0, 0);
        await _engine.EvaluateAsync("availability", T0);

        var status = _engine.Engine.StatusOf(Group(), Rule("InstanceDown"))!;
        Assert.Equal("exceeded limit of 1 with 2 alerts", status.LastError);
        Assert.Empty(status.Alerts);
        Assert.Empty(_engine.TakeNotified());
    }

    private RuleGroup Group() => _engine.Store.For(RuleEngineHarness.Tenant).Find("availability")!;

    private Rule Rule(string name) => Group().Rules.Single(r => r.Name == name);

    private ActiveAlertStatus AlertOf(string rule) => Assert.Single(_engine.Engine.StatusOf(Group(), Rule(rule))!.Alerts);
}
