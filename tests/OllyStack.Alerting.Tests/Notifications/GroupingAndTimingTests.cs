using System.Text.Json;

namespace OllyStack.Alerting.Tests.Notifications;

/// <summary>Grouping, group_wait, group_interval, repeat_interval, deduplication and resolved notifications, on a fake clock.</summary>
public sealed class GroupingAndTimingTests : IDisposable
{
    private readonly WebhookReceiver _receiver = new();

    /// <summary>Alerts here are sent once and stay firing (a day of resolve_timeout) unless a test resolves them.</summary>
    private string Config(string sendResolved = "true", string resolveTimeout = "1d") => $"""
        global:
          resolve_timeout: {resolveTimeout}
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: "{_receiver.Url}"
                send_resolved: {sendResolved}
        """;

    public void Dispose() => _receiver.Dispose();

    private static string[] Instances(JsonElement body, string status = "firing") =>
        [.. body.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("status").GetString() == status)
            .Select(a => a.GetProperty("labels").GetProperty("instance").GetString()!)];

    [Fact]
    public async Task AlertsOfAGroupThatArriveDuringGroupWaitGoOutInOneNotification()
    {
        await using var harness = NotifierHarness.Create(Config());
        harness.Notify(harness.Alert(("alertname", "Down"), ("instance", "a")));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(10));
        harness.Notify(harness.Alert(("alertname", "Down"), ("instance", "b")));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(19));

        Assert.Equal(0, _receiver.RequestCount);

        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));

        var body = Assert.Single(_receiver.Bodies);
        Assert.Equal(["a", "b"], Instances(body));
        Assert.Equal("{}:{alertname=\"Down\"}", body.GetProperty("groupKey").GetString());
    }

    [Fact]
    public async Task AfterARestartAStillFiringGroupIsNotNotifiedAgainButIsReportedResolved()
    {
        await using var harness = NotifierHarness.Create(Config());
        var alert = harness.Alert(("alertname", "Down"), ("instance", "a"));
        harness.Notify(alert);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, _receiver.RequestCount);

        await harness.RestartAsync();
        harness.Notify(alert);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, _receiver.RequestCount);

        harness.Resolve(alert);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(["a"], Instances(_receiver.Bodies[1], "resolved"));
    }

    [Fact]
    public async Task AfterARestartAnAlertThatResolvesBeforeItIsSentAgainIsStillReportedResolved()
    {
        await using var harness = NotifierHarness.Create(Config());
        var alert = harness.Alert(("alertname", "Down"), ("instance", "a"));
        harness.Notify(alert);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));

        await harness.RestartAsync();
        harness.Resolve(alert);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, _receiver.RequestCount);
        Assert.Equal(["a"], Instances(_receiver.Bodies[1], "resolved"));
    }

    [Fact]
    public async Task AlertsWithDifferentGroupLabelsAreNotifiedSeparately()
    {
        await using var harness = NotifierHarness.Create(Config());
        harness.Notify(harness.Alert(("alertname", "Down"), ("instance", "a")), harness.Alert(("alertname", "Slow"), ("instance", "a")));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["Down", "Slow"], _receiver.Bodies.Select(b => b.GetProperty("groupLabels").GetProperty("alertname").GetString()).Order());
    }

    [Fact]
    public async Task ANewAlertInANotifiedGroupWaitsForTheGroupInterval()
    {
        await using var harness = NotifierHarness.Create(Config());
        harness.Notify(harness.Alert(("alertname", "Down"), ("instance", "a")));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));
        harness.Notify(harness.Alert(("alertname", "Down"), ("instance", "b")));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(4));

        Assert.Equal(1, _receiver.RequestCount);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(["a", "b"], Instances(_receiver.Bodies[1]));
    }

    [Fact]
    public async Task AnUnchangedGroupIsNotResentUntilTheRepeatIntervalHasPassed()
    {
        await using var harness = NotifierHarness.Create(Config());
        var alert = harness.Alert(("alertname", "Down"), ("instance", "a"));
        harness.Notify(alert);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 11; i++)
        {
            harness.Notify(alert);
            await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(1, _receiver.RequestCount);

        harness.Notify(alert);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(2, _receiver.RequestCount);
        Assert.Equal(["a"], Instances(_receiver.Bodies[1]));
    }

    [Fact]
    public async Task AResolvedAlertIsNotifiedAsResolvedAndThenForgotten()
    {
        await using var harness = NotifierHarness.Create(Config());
        var alert = harness.Alert(("alertname", "Down"), ("instance", "a"));
        harness.Notify(alert);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        harness.Resolve(alert);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(4));

        var resolved = _receiver.Bodies[1];
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal(["a"], Instances(resolved, "resolved"));
        Assert.Equal(harness.Now.AddMinutes(-4), DateTimeOffset.Parse(resolved.GetProperty("alerts")[0].GetProperty("endsAt").GetString()!));

        // Prometheus keeps sending the resolved alert for a while; the receiver hears of it once.
        harness.Resolve(alert);
        await harness.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal(2, _receiver.RequestCount);
    }

    [Fact]
    public async Task WithoutSendResolvedTheResolutionIsNotSent()
    {
        await using var harness = NotifierHarness.Create(Config(sendResolved: "false"));
        var alert = harness.Alert(("alertname", "Down"), ("instance", "a"));
        harness.Notify(alert);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));
        harness.Resolve(alert);
        await harness.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(1, _receiver.RequestCount);
    }

    [Fact]
    public async Task AnAlertThatStopsArrivingResolvesAfterTheResolveTimeout()
    {
        await using var harness = NotifierHarness.Create(Config(resolveTimeout: "5m"));
        harness.Notify(harness.Alert(("alertname", "Down"), ("instance", "a")));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal("resolved", _receiver.Bodies[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnAlertThatStartedLongerAgoThanGroupWaitIsNotifiedAtOnce()
    {
        await using var harness = NotifierHarness.Create(Config());
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        harness.Notify(harness.Alert(("alertname", "Down"), ("instance", "a")) with { StartsAt = NotifierHarness.Start });
        await harness.SettledAsync();

        Assert.Equal(1, _receiver.RequestCount);
    }

    [Fact]
    public async Task ANewConfigurationKeepsGroupsSoNothingIsSentTwice()
    {
        await using var harness = NotifierHarness.Create(Config());
        var alert = harness.Alert(("alertname", "Down"), ("instance", "a"));
        harness.Notify(alert);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));
        harness.Service.ApplyConfig(NotifierHarness.Tenant, Config().Replace("repeat_interval: 1h", "repeat_interval: 2h"));
        harness.Notify(alert);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(90));

        Assert.Equal(1, _receiver.RequestCount);
    }
}
