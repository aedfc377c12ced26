using System.Text.Json;
using OllyStack.Alerting.Notifications.Matching;
using OllyStack.Alerting.Notifications.Silencing;

namespace OllyStack.Alerting.Tests.Notifications;

/// <summary>Routes to several receivers, inhibition and silences, on a fake clock.</summary>
public sealed class MutingAndRoutingTests : IDisposable
{
    private readonly WebhookReceiver _pager = new();
    private readonly WebhookReceiver _chat = new();

    private string Config => $"""
        global:
          resolve_timeout: 1d
        route:
          receiver: chat
          group_by: [alertname, cluster]
          group_wait: 30s
          routes:
            - matchers: [severity="critical"]
              receiver: pager
              continue: true
            - matchers: [severity=~"critical|warning"]
              receiver: chat
        receivers:
          - name: pager
            webhook_configs:
              - url: "{_pager.Url}"
          - name: chat
            webhook_configs:
              - url: "{_chat.Url}"
        inhibit_rules:
          - source_matchers: [severity="critical"]
            target_matchers: [severity="warning"]
            equal: [cluster]
        """;

    public void Dispose()
    {
        _pager.Dispose();
        _chat.Dispose();
    }

    private static string[] AlertNames(IEnumerable<JsonElement> bodies) =>
        [.. bodies.SelectMany(b => b.GetProperty("alerts").EnumerateArray()).Select(a => a.GetProperty("labels").GetProperty("alertname").GetString()!).Order()];

    [Fact]
    public void ARouteThatContinuesLetsTheNextSiblingTakeTheAlertToo()
    {
        // Checked on the routes themselves: delivery to both receivers is covered below.
        var root = Alerting.Notifications.Configuration.AlertmanagerConfigParser.Parse(Config).Route;

        Assert.Equal(["pager", "chat"], root.Match(Query.PromQL.Evaluation.Labels.Of(("severity", "critical"))).Select(r => r.Receiver));
    }

    [Fact]
    public async Task ACriticalAlertPagesAndChatsWhileItInhibitsWarningsOfItsCluster()
    {
        await using var harness = NotifierHarness.Create(Config);
        harness.Notify(
            harness.Alert(("alertname", "DiskFull"), ("severity", "critical"), ("cluster", "eu")),
            harness.Alert(("alertname", "DiskFilling"), ("severity", "warning"), ("cluster", "eu")),
            harness.Alert(("alertname", "DiskFilling"), ("severity", "warning"), ("cluster", "us")));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["DiskFull"], AlertNames(_pager.Bodies));
        Assert.Equal(["DiskFilling", "DiskFull"], AlertNames(_chat.Bodies));
        var usOnly = _chat.Bodies.Single(b => b.GetProperty("commonLabels").GetProperty("alertname").GetString() == "DiskFilling");
        Assert.Equal("us", usOnly.GetProperty("commonLabels").GetProperty("cluster").GetString());
        Assert.Equal("{}/{severity=~\"critical|warning\"}:{alertname=\"DiskFilling\", cluster=\"us\"}", usOnly.GetProperty("groupKey").GetString());
    }

    [Fact]
    public async Task AnInhibitedAlertIsNotifiedOnceItsSourceResolves()
    {
        await using var harness = NotifierHarness.Create(Config);
        var source = harness.Alert(("alertname", "DiskFull"), ("severity", "critical"), ("cluster", "eu"));
        var target = harness.Alert(("alertname", "DiskFilling"), ("severity", "warning"), ("cluster", "eu"));
        harness.Notify(source, target);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));
        harness.Resolve(source);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Contains("DiskFilling", AlertNames(_chat.Bodies));
    }

    [Fact]
    public async Task SilencedAlertsAreNotSentUntilTheSilenceExpires()
    {
        await using var harness = NotifierHarness.Create(Config);
        var id = harness.Notifier.Silences.Set(new SilenceRequest(
            null, MatcherParser.Parse("cluster=eu"), harness.Now, harness.Now.AddHours(1), "ops@example.com", "maintenance"));
        harness.Notify(harness.Alert(("alertname", "Down"), ("cluster", "eu")), harness.Alert(("alertname", "Down"), ("cluster", "us")));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));

        var body = Assert.Single(_chat.Bodies);
        Assert.Equal("us", body.GetProperty("commonLabels").GetProperty("cluster").GetString());

        harness.Notifier.Silences.Expire(id);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(2, _chat.RequestCount);
        Assert.Equal("eu", _chat.Bodies[1].GetProperty("commonLabels").GetProperty("cluster").GetString());
    }

    [Fact]
    public async Task SilencesSurviveARestart()
    {
        await using var harness = NotifierHarness.Create(Config);
        var id = harness.Notifier.Silences.Set(new SilenceRequest(
            null, MatcherParser.Parse("{cluster=~\"eu|us\", alertname!=Watchdog}"), harness.Now.AddMinutes(10), harness.Now.AddHours(1), "ops", "upgrade"));

        await harness.RestartAsync();

        var silence = harness.Notifier.Silences.Get(id);
        Assert.NotNull(silence);
        Assert.Equal(SilenceState.Pending, silence.StateAt(harness.Now));
        Assert.Equal(["alertname!=\"Watchdog\"", "cluster=~\"eu|us\""], silence.Matchers.Select(m => m.ToString()).Order());
        Assert.Equal(("ops", "upgrade"), (silence.CreatedBy, silence.Comment));
    }

    [Fact]
    public async Task TheConfigurationIsReadBackFromItsFileAfterARestart()
    {
        await using var harness = NotifierHarness.Create(Config);

        await harness.RestartAsync();

        Assert.Equal(Config, harness.Notifier.Config?.Source);
        Assert.Empty(harness.Service.LoadErrors);
    }
}
