using System.Text.Json;

namespace OllyStack.Alerting.Tests.Notifications;

/// <summary>What receivers get on the wire, retries, and receivers that fail or hang.</summary>
public sealed class DeliveryTests : IDisposable
{
    private readonly WebhookReceiver _receiver = new();
    private readonly WebhookReceiver _other = new();

    public void Dispose()
    {
        _receiver.Dispose();
        _other.Dispose();
    }

    private static string Config(string receivers, string groupBy = "[alertname]") => $"""
        global:
          resolve_timeout: 1d
        route:
          receiver: target
          group_by: {groupBy}
          group_wait: 30s
          group_interval: 5m
        receivers:
          - name: target
        {receivers}
        """;

    [Fact]
    public async Task AWebhookGetsAlertmanagersVersion4Payload()
    {
        await using var harness = NotifierHarness.Create(Config($"""
                webhook_configs:
                  - url: "{_receiver.Url}"
                    max_alerts: 1
                    http_config:
                      basic_auth:
                        username: am
                        password: pw
            """));
        var alert = harness.Alert(("alertname", "Down"), ("instance", "a"), ("job", "api"));
        harness.Notify(alert, harness.Alert(("alertname", "Down"), ("instance", "b"), ("job", "api")));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));

        var (path, body, authorization) = Assert.Single(_receiver.Requests);
        Assert.Equal("/hook", path);
        Assert.Equal("Basic YW06cHc=", authorization);
        Assert.Equal(
            ["receiver", "status", "alerts", "groupLabels", "commonLabels", "commonAnnotations", "externalURL", "version", "groupKey", "truncatedAlerts"],
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("target", body.GetProperty("receiver").GetString());
        Assert.Equal("firing", body.GetProperty("status").GetString());
        Assert.Equal("4", body.GetProperty("version").GetString());
        Assert.Equal("{}:{alertname=\"Down\"}", body.GetProperty("groupKey").GetString());
        Assert.Equal(1, body.GetProperty("truncatedAlerts").GetInt32());
        Assert.Equal("http://ollystack.test", body.GetProperty("externalURL").GetString());
        Assert.Equal("""{"alertname":"Down"}""", body.GetProperty("groupLabels").GetRawText());
        Assert.Equal("""{"alertname":"Down","instance":"a","job":"api"}""", body.GetProperty("commonLabels").GetRawText());
        Assert.Equal("""{"summary":"something is wrong"}""", body.GetProperty("commonAnnotations").GetRawText());
        var sent = Assert.Single(body.GetProperty("alerts").EnumerateArray());
        Assert.Equal(["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"], sent.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-24T12:00:00Z", sent.GetProperty("startsAt").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", sent.GetProperty("endsAt").GetString());
        Assert.Equal("http://ollystack/rules", sent.GetProperty("generatorURL").GetString());
        Assert.Equal(AlertFingerprint.Format(alert.Fingerprint), sent.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task AFailingWebhookIsRetriedWithGrowingWaitsUntilItTakesTheNotification()
    {
        await using var harness = NotifierHarness.Create(Config($"""
                webhook_configs:
                  - url: "{_receiver.Url}"
            """));
        _receiver.AnswerNext(500, 503);
        harness.Notify(harness.Alert(("alertname", "Down")));
        harness.Time.Advance(TimeSpan.FromSeconds(30));

        await AttemptLoggedAsync(harness, 1);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await AttemptLoggedAsync(harness, 2);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, _receiver.RequestCount);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.SettledAsync();

        var log = harness.Notifier.Log.Query().AsEnumerable().Reverse().ToList();
        Assert.Equal([(1, "failure", true), (2, "failure", true), (3, "success", false)], log.Select(a => (a.Attempt, a.Status, a.WillRetry)));
        Assert.Contains("unexpected status code 500", log[0].Error);
        Assert.Equal([NotifierHarness.Start.AddSeconds(30), NotifierHarness.Start.AddSeconds(31), NotifierHarness.Start.AddSeconds(33)], log.Select(a => a.Time));
        Assert.All(log, a => Assert.Equal(("acme", "target", "webhook[0]", "{}:{alertname=\"Down\"}", 1), (a.Tenant, a.Receiver, a.Integration, a.GroupKey, a.AlertCount)));
    }

    [Fact]
    public async Task AClientErrorIsNotRetriedAndTheNextFlushTriesAgain()
    {
        await using var harness = NotifierHarness.Create(Config($"""
                webhook_configs:
                  - url: "{_receiver.Url}"
            """));
        _receiver.AnswerNext(400);
        harness.Notify(harness.Alert(("alertname", "Down")));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.False(Assert.Single(harness.Notifier.Log.Query()).WillRetry);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(2, _receiver.RequestCount);
        Assert.Equal("success", harness.Notifier.Log.Query()[0].Status);
    }

    [Fact]
    public async Task AHangingReceiverDoesNotHoldUpAnotherOrTheCaller()
    {
        _receiver.Hang = true;
        await using var harness = NotifierHarness.Create(Config($"""
                webhook_configs:
                  - url: "{_receiver.Url}"
                  - url: "{_other.Url}"
            """));
        harness.Notify(harness.Alert(("alertname", "Down")));
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        harness.Notify(harness.Alert(("alertname", "Other")));

        await AttemptLoggedAsync(harness, 1);
        var delivered = Assert.Single(harness.Notifier.Log.Query());
        Assert.Equal(("webhook[1]", "success"), (delivered.Integration, delivered.Status));
        Assert.Equal(1, _other.RequestCount);
        // Only the hanging delivery is still under way (the other's completion may lag its log entry a moment).
        var token = OllyStack.Testing.TestTimeout.Token;
        while (harness.Notifier.PendingDeliveries != 1) await Task.Delay(5, token);
    }

    [Fact]
    public async Task ASlackReceiverGetsAnIncomingWebhookMessageFromItsTemplates()
    {
        await using var harness = NotifierHarness.Create(Config($$$"""
                slack_configs:
                  - api_url: "{{{_receiver.Url}}}"
                    channel: '#ops'
                    text: "{{ range .Alerts }}*{{ .Labels.instance }}* {{ .Annotations.summary }}\n{{ end }}"
            """));
        harness.Notify(harness.Alert(("alertname", "Down"), ("instance", "a")), harness.Alert(("alertname", "Down"), ("instance", "b")));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));

        var body = Assert.Single(_receiver.Bodies);
        Assert.Equal("#ops", body.GetProperty("channel").GetString());
        Assert.Equal("OllyStack", body.GetProperty("username").GetString());
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray());
        Assert.Equal("[FIRING:2] Down", attachment.GetProperty("title").GetString());
        Assert.Equal("http://ollystack.test/#/alerts?receiver=target", attachment.GetProperty("title_link").GetString());
        Assert.Equal("*a* something is wrong\n*b* something is wrong\n", attachment.GetProperty("text").GetString());
        Assert.Equal("danger", attachment.GetProperty("color").GetString());
        Assert.Equal("[FIRING:2] Down | http://ollystack.test/#/alerts?receiver=target", attachment.GetProperty("fallback").GetString());
    }

    [Fact]
    public async Task AnExternalAlertmanagerGetsPostableAlertsAtEveryFlush()
    {
        await using var harness = NotifierHarness.Create(Config($"""
                alertmanager_configs:
                  - url: "{_receiver.BaseUrl}"
            """, groupBy: "['...']"));
        harness.Notify(harness.Alert(("alertname", "Down"), ("instance", "a")));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(2, _receiver.RequestCount);
        var (path, body, _) = _receiver.Requests[1];
        Assert.Equal("/api/v2/alerts", path);
        var alert = Assert.Single(body.EnumerateArray());
        Assert.Equal(["labels", "annotations", "startsAt", "endsAt", "generatorURL"], alert.EnumerateObject().Select(p => p.Name));
        Assert.Equal(harness.Now.AddMinutes(20), DateTimeOffset.Parse(alert.GetProperty("endsAt").GetString()!));
    }

    private static async Task AttemptLoggedAsync(NotifierHarness harness, int count)
    {
        var token = OllyStack.Testing.TestTimeout.Token;
        while (harness.Notifier.Log.Query().Count < count) await Task.Delay(5, token);
    }
}
