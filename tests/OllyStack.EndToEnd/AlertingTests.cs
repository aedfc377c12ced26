using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Otlp.Collector.Metrics;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Metrics;
using OllyStack.Ingest.Otlp.Resource;

namespace OllyStack.EndToEnd;

/// <summary>
/// Alerting through the real binary: a rule group and an Alertmanager configuration put through the APIs, OTLP data
/// that crosses the threshold, and the webhook notifications that follow — firing, grouped, silenced, resolved — with
/// the alert state and what receivers were told carried across kill -9 (no second firing notification, a resolved one). The threshold rule runs on the stream; a subquery rule on the interval.
/// </summary>
public sealed class AlertingTests : IAsyncLifetime
{
    private const string RuleGroup = """
        name: queues
        rules:
          - alert: QueueBacklog
            expr: queue_depth > 100
            labels:
              severity: page
            annotations:
              summary: 'queue {{ $labels.queue }} of {{ $labels.job }} holds {{ $value }}'
          - alert: QueueNeverDrains
            expr: min_over_time(queue_depth[10m:1m]) > 1e9
        """;

    private readonly WebhookSink _webhook = new();
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _webhook.Dispose();
    }

    [Fact]
    public async Task Crossing_a_threshold_notifies_grouped_alerts_honours_silences_and_resolves_after_kill_nine()
    {
        using var api = _server.ApiClient();
        await ApiRequests.RouteAlertsToAsync(api, _webhook.Url, "alertname", "job");
        await ApiRequests.PutYamlAsync(api, "/api/v1/rules/queues", RuleGroup);
        await SendAsync(("a", 10), ("b", 10));
        await Poll.UntilAsync(async () => (await RuleAsync(api, 0)).GetProperty("health").GetString() == "ok", TimeSpan.FromSeconds(30), "the rule's first evaluation");
        Assert.Equal("incremental", (await RuleAsync(api, 0)).GetProperty("evaluationMode").GetString());
        Assert.Equal("interval", (await RuleAsync(api, 1)).GetProperty("evaluationMode").GetString());

        await SendAsync(("a", 500), ("b", 500));
        var firing = await _webhook.WaitForAsync(n => Status(n) == "firing" && Queues(n).SetEquals(["a", "b"]), "one firing notification for queues a and b");
        AssertFiringPayload(firing);

        await ApiRequests.PostJsonAsync(api, "/api/v2/silences", """
            {"matchers":[{"name":"queue","value":"c","isRegex":false,"isEqual":true}],"startsAt":"2020-01-01T00:00:00Z","endsAt":"2100-01-01T00:00:00Z","createdBy":"e2e","comment":"c is being drained"}
            """);
        await SendAsync(("c", 500), ("d", 500));
        await _webhook.WaitForAsync(n => Status(n) == "firing" && Queues(n).Contains("d"), "a notification for queue d");
        Assert.DoesNotContain(_webhook.Notifications, n => Queues(n).Contains("c"));
        Assert.Contains("c", (await ActiveAlertsAsync(api)).Keys);

        var before = await ActiveAlertsAsync(api);
        await Poll.UntilAsync(() => Task.FromResult(LoggedFiring() == 3), TimeSpan.FromSeconds(30), "the notification of a, b and d in the notification log");
        var sentBeforeKill = _webhook.Notifications.Count;
        await _server.KillAsync();
        await _server.StartAgainAsync();
        using var restarted = _server.ApiClient();
        await Poll.UntilAsync(async () => (await ActiveAlertsAsync(restarted)).Count == 4, TimeSpan.FromSeconds(30), "the four alerts back after the restart");
        var after = await ActiveAlertsAsync(restarted);
        foreach (var queue in new[] { "a", "b", "c", "d" })
        {
            Assert.Equal("firing", after[queue].GetProperty("state").GetString());
            Assert.Equal(before[queue].GetProperty("activeAt").GetString(), after[queue].GetProperty("activeAt").GetString());
        }

        await SendAsync(("a", 10), ("b", 10), ("c", 10), ("d", 10));
        var resolved = await _webhook.WaitForAsync(n => Status(n) == "resolved" && Queues(n).IsSupersetOf(["a", "b", "d"]), "the resolved notification");
        foreach (var alert in resolved.GetProperty("alerts").EnumerateArray())
        {
            Assert.Equal("resolved", alert.GetProperty("status").GetString());
            Assert.NotEqual("0001-01-01T00:00:00Z", alert.GetProperty("endsAt").GetString());
        }
        Assert.DoesNotContain(_webhook.Notifications, n => Queues(n).Contains("c"));
        Assert.All(_webhook.Notifications.Skip(sentBeforeKill), n => Assert.Equal("resolved", Status(n)));
    }

    private static void AssertFiringPayload(JsonElement notification)
    {
        Assert.Equal("4", notification.GetProperty("version").GetString());
        Assert.Equal("hook", notification.GetProperty("receiver").GetString());
        Assert.Equal("QueueBacklog", notification.GetProperty("groupLabels").GetProperty("alertname").GetString());
        Assert.Equal("checkout", notification.GetProperty("groupLabels").GetProperty("job").GetString());
        Assert.Equal("page", notification.GetProperty("commonLabels").GetProperty("severity").GetString());
        var alert = notification.GetProperty("alerts").EnumerateArray().Single(a => a.GetProperty("labels").GetProperty("queue").GetString() == "a");
        Assert.Equal("firing", alert.GetProperty("status").GetString());
        Assert.Equal("queue a of checkout holds 500", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Contains("/graph?g0.expr=queue_depth", alert.GetProperty("generatorURL").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(alert.GetProperty("startsAt").GetString()!, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    /// <summary>How many alerts the notification log on disk says the receiver was last told are firing.</summary>
    private int LoggedFiring()
    {
        var path = Path.Combine(_server.DataDir, "alertmanager", "nflog", "default.json");
        if (!File.Exists(path)) return 0;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("entries").EnumerateArray().Sum(e => e.GetProperty("firing").GetArrayLength());
    }

    private static string? Status(JsonElement notification) => notification.GetProperty("status").GetString();

    private static HashSet<string> Queues(JsonElement notification) =>
        [.. notification.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("labels").GetProperty("queue").GetString()!)];

    /// <summary>Sends one gauge point per queue over OTLP/HTTP, stamped now, as the checkout service would.</summary>
    private async Task SendAsync(params (string Queue, double Depth)[] points)
    {
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var gauge = new Gauge();
        foreach (var (queue, depth) in points)
            gauge.DataPoints.Add(new NumberDataPoint { TimeUnixNano = now, AsDouble = depth, Attributes = { new KeyValue { Key = "queue", Value = new AnyValue { StringValue = queue } } } });
        var request = new ExportMetricsServiceRequest
        {
            ResourceMetrics =
            {
                new ResourceMetrics
                {
                    Resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "checkout" } } } },
                    ScopeMetrics = { new ScopeMetrics { Metrics = { new Metric { Name = "queue_depth", Gauge = gauge } } } },
                },
            },
        };
        using var push = _server.PushClient();
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var response = await push.PostAsync("/v1/metrics", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> RuleAsync(HttpClient api, int index)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync("/api/v1/rules"));
        return document.RootElement.GetProperty("data").GetProperty("groups")[0].GetProperty("rules")[index].Clone();
    }

    /// <summary>The alerts of /api/v1/alerts by their queue label.</summary>
    private static async Task<Dictionary<string, JsonElement>> ActiveAlertsAsync(HttpClient api)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync("/api/v1/alerts"));
        return document.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("labels").GetProperty("queue").GetString()!, a => a.Clone());
    }
}
