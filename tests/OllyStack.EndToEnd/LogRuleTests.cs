using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Otlp.Collector.Logs;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Logs;
using OllyStack.Ingest.Otlp.Resource;

namespace OllyStack.EndToEnd;

/// <summary>
/// Log rules through the real binary: a LogQL alert on error lines about timeouts runs on the logs stream, fires for
/// exactly the service that logs too many of them, with its labels and rendered annotation, and resolves once the
/// lines leave its window.
/// </summary>
public sealed class LogRuleTests : IAsyncLifetime
{
    private const string RuleGroup = """
        name: logs
        query_language: logql
        rules:
          - alert: UpstreamTimeouts
            expr: sum by (service_name) (count_over_time({level="error"} |= "timeout" [10s])) > 5
            labels:
              severity: page
            annotations:
              summary: '{{ $labels.service_name }} logged {{ $value }} timeouts in 10s'
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
    public async Task A_LogQL_rule_fires_on_the_stream_for_the_service_over_its_threshold_and_resolves_when_the_lines_age_out()
    {
        using var api = _server.ApiClient();
        await ApiRequests.RouteAlertsToAsync(api, _webhook.Url, "alertname", "service_name");
        await ApiRequests.PutYamlAsync(api, "/api/v1/rules/logs", RuleGroup);
        await Poll.UntilAsync(async () => (await RuleAsync(api)).GetProperty("health").GetString() == "ok", TimeSpan.FromSeconds(30), "the rule's first evaluation");
        Assert.Equal("incremental", (await RuleAsync(api)).GetProperty("evaluationMode").GetString());

        await SendAsync(("checkout", 17, "upstream timeout", 3), ("catalog", 17, "connection refused", 8), ("checkout", 9, "retrying after timeout", 20));
        await SendAsync(("checkout", 17, "upstream timeout", 4));
        var firing = await _webhook.WaitForAsync(n => Status(n) == "firing", "a firing notification for checkout");
        var alert = Assert.Single(firing.GetProperty("alerts").EnumerateArray().ToList());
        Assert.Equal(
            new Dictionary<string, string> { ["alertname"] = "UpstreamTimeouts", ["service_name"] = "checkout", ["severity"] = "page" },
            alert.GetProperty("labels").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!));
        Assert.Equal("checkout logged 7 timeouts in 10s", alert.GetProperty("annotations").GetProperty("summary").GetString());

        var resolved = await _webhook.WaitForAsync(n => Status(n) == "resolved", "the resolved notification once the timeouts leave the 10 s window");
        Assert.Equal("checkout", Assert.Single(resolved.GetProperty("alerts").EnumerateArray().ToList()).GetProperty("labels").GetProperty("service_name").GetString());
        Assert.All(_webhook.Notifications, n => Assert.DoesNotContain("catalog", n.GetRawText(), StringComparison.Ordinal));
    }

    private static string? Status(JsonElement notification) => notification.GetProperty("status").GetString();

    private static async Task<JsonElement> RuleAsync(HttpClient api)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync("/api/v1/rules"));
        return document.RootElement.GetProperty("data").GetProperty("groups")[0].GetProperty("rules")[0].Clone();
    }

    /// <summary>Sends, over OTLP/HTTP and stamped now, <c>Count</c> lines of each service at the severity given.</summary>
    private async Task SendAsync(params (string Service, int Severity, string Body, int Count)[] lines)
    {
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var request = new ExportLogsServiceRequest();
        foreach (var (service, severity, body, count) in lines)
        {
            var scope = new ScopeLogs();
            for (var i = 0; i < count; i++)
                scope.LogRecords.Add(new LogRecord { TimeUnixNano = now + (ulong)i, SeverityNumber = (SeverityNumber)severity, Body = new AnyValue { StringValue = body } });
            request.ResourceLogs.Add(new ResourceLogs
            {
                Resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = service } } } },
                ScopeLogs = { scope },
            });
        }
        using var push = _server.PushClient();
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var response = await push.PostAsync("/v1/logs", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
