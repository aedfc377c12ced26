using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Otlp.Collector.Trace;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Resource;
using OllyStack.Ingest.Otlp.Trace;
using static OllyStack.Ingest.Otlp.Trace.Span.Types.SpanKind;
using static OllyStack.Ingest.Otlp.Trace.Status.Types.StatusCode;

namespace OllyStack.EndToEnd;

/// <summary>
/// Trace rules through the real binary: PromQL alerts over the span RED metrics derived at ingest — error ratio and
/// p99 duration per service and operation — run on the stream, fire for exactly the operations that fail or are slow,
/// with their labels and rendered annotations, and resolve once the traffic is healthy again.
/// </summary>
public sealed class TraceRuleTests : IAsyncLifetime
{
    private const string RuleGroup = """
        name: traces
        rules:
          - alert: OperationErrors
            expr: |
              sum by (service, operation) (rate(ollystack_span_calls_total{span_kind="SPAN_KIND_SERVER", status_code="STATUS_CODE_ERROR"}[10s]))
                / sum by (service, operation) (rate(ollystack_span_calls_total{span_kind="SPAN_KIND_SERVER"}[10s]))
                > 0.05
              and
              sum by (service, operation) (rate(ollystack_span_calls_total{span_kind="SPAN_KIND_SERVER"}[10s])) > 0.1
            for: 0s
            labels:
              severity: page
            annotations:
              summary: '{{ $labels.service }} {{ $labels.operation }}: {{ $value }} of calls fail'
          - alert: OperationSlow
            expr: histogram_quantile(0.99, sum by (le, service, operation) (rate(ollystack_span_duration_seconds_bucket{span_kind="SPAN_KIND_SERVER"}[10s]))) > 1
            for: 0s
            labels:
              severity: ticket
            annotations:
              summary: '{{ $labels.service }} {{ $labels.operation }}: p99 {{ $value | humanizeDuration }}'
        """;

    /// <summary>Between two requests of the traffic: enough samples that every 10 s window holds many.</summary>
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(200);

    private static readonly (string Alert, string Service, string Operation) FailingPay = ("OperationErrors", "checkout", "POST /pay");
    private static readonly (string Alert, string Service, string Operation) SlowSearch = ("OperationSlow", "catalog", "GET /search");

    private readonly WebhookSink _webhook = new();
    private ServerProcess _server = null!;

    /// <summary>Whether the traffic has turned healthy: pay stops failing, search stops being slow.</summary>
    private volatile bool _healthy;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _webhook.Dispose();
    }

    [Fact]
    public async Task Error_ratio_and_p99_rules_fire_for_exactly_the_failing_and_slow_operations_and_resolve_when_healthy()
    {
        using var api = _server.ApiClient();
        await ApiRequests.RouteAlertsToAsync(api, _webhook.Url, "alertname", "service", "operation");
        await ApiRequests.PutYamlAsync(api, "/api/v1/rules/traces", RuleGroup);
        await Poll.UntilAsync(async () => (await RulesAsync(api)).All(r => r.GetProperty("health").GetString() == "ok"), TimeSpan.FromSeconds(30), "the rules' first evaluation");
        Assert.All(await RulesAsync(api), r => Assert.Equal("incremental", r.GetProperty("evaluationMode").GetString()));

        using var stop = new CancellationTokenSource();
        var traffic = SendTrafficAsync(stop.Token);
        var failing = await WhileSendingAsync(traffic, _webhook.WaitForAsync(n => Is(n, "firing", FailingPay), "a firing notification for checkout POST /pay"));
        var slow = await WhileSendingAsync(traffic, _webhook.WaitForAsync(n => Is(n, "firing", SlowSearch), "a firing notification for catalog GET /search"));
        AssertAlert(failing, "firing", FailingPay, "page", "checkout POST /pay: 0.5 of calls fail");
        AssertAlert(slow, "firing", SlowSearch, "ticket", "catalog GET /search: p99 1.994s");
        Assert.Equal(new[] { FailingPay, SlowSearch }, (await ActiveAlertsAsync(api)).Order());

        _healthy = true;
        await WhileSendingAsync(traffic, _webhook.WaitForAsync(n => Is(n, "resolved", FailingPay), "the resolved notification for checkout POST /pay"));
        await WhileSendingAsync(traffic, _webhook.WaitForAsync(n => Is(n, "resolved", SlowSearch), "the resolved notification for catalog GET /search"));
        await stop.CancelAsync();
        await traffic;

        Assert.Equal(new[] { FailingPay, SlowSearch }, _webhook.Notifications.SelectMany(Alerts).Distinct().Order());
        Assert.Empty(await ActiveAlertsAsync(api));
    }

    /// <summary>The outcome of <paramref name="wait"/>, unless the traffic fails first: then its error.</summary>
    private static async Task<T> WhileSendingAsync<T>(Task traffic, Task<T> wait)
    {
        if (await Task.WhenAny(traffic, wait) == traffic) await traffic;
        return await wait;
    }

    private static void AssertAlert(JsonElement notification, string status, (string Alert, string Service, string Operation) expected, string severity, string summary)
    {
        var alert = Assert.Single(notification.GetProperty("alerts").EnumerateArray().ToList());
        Assert.Equal(status, alert.GetProperty("status").GetString());
        var labels = alert.GetProperty("labels");
        Assert.Equal(
            new Dictionary<string, string> { ["alertname"] = expected.Alert, ["service"] = expected.Service, ["operation"] = expected.Operation, ["severity"] = severity },
            labels.EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!));
        Assert.Equal(summary, alert.GetProperty("annotations").GetProperty("summary").GetString());
    }

    private static bool Is(JsonElement notification, string status, (string, string, string) alert) =>
        notification.GetProperty("status").GetString() == status && Alerts(notification).Contains(alert);

    private static IEnumerable<(string Alert, string Service, string Operation)> Alerts(JsonElement notification) =>
        notification.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("labels")).Select(Key);

    private static (string Alert, string Service, string Operation) Key(JsonElement labels) =>
        (labels.GetProperty("alertname").GetString()!, labels.GetProperty("service").GetString()!, labels.GetProperty("operation").GetString()!);

    /// <summary>
    /// Until stopped, two server spans of each operation per request: checkout's POST /pay half failing and catalog's
    /// GET /search taking 2 s until the traffic turns healthy; checkout's GET /cart and catalog's GET /item always fast
    /// and without error. Checkout's client spans of its calls to GET /item all fail (the rules count server spans only).
    /// </summary>
    private async Task SendTrafficAsync(CancellationToken stop)
    {
        using var push = _server.PushClient();
        while (!stop.IsCancellationRequested)
        {
            var healthy = _healthy;
            var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
            var request = new ExportTraceServiceRequest
            {
                ResourceSpans =
                {
                    Service("checkout",
                        Spans("POST /pay", Server, now, Milliseconds(20), Ok, healthy ? Ok : Error),
                        Spans("GET /cart", Server, now, Milliseconds(5), Unset, Ok),
                        Spans("GET /item", Client, now, Milliseconds(5), Error, Error)),
                    Service("catalog",
                        Spans("GET /search", Server, now, healthy ? Milliseconds(30) : Milliseconds(2000), Unset, Unset),
                        Spans("GET /item", Server, now, Milliseconds(5), Ok, Ok)),
                },
            };
            using var content = new ByteArrayContent(request.ToByteArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            using var response = await push.PostAsync("/v1/traces", content, CancellationToken.None);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(CancellationToken.None));
            try
            {
                await Task.Delay(Pace, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static ulong Milliseconds(int milliseconds) => (ulong)milliseconds * 1_000_000;

    private static ResourceSpans Service(string name, params Span[][] spans) => new()
    {
        Resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = name } } } },
        ScopeSpans = { new ScopeSpans { Spans = { spans.SelectMany(s => s) } } },
    };

    /// <summary>A span of one operation per status, each its own trace.</summary>
    private static Span[] Spans(string operation, Span.Types.SpanKind kind, ulong endNanos, ulong durationNanos, params Status.Types.StatusCode[] statuses) =>
    [
        .. statuses.Select(status => new Span
        {
            TraceId = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(16)),
            SpanId = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(8)),
            Name = operation,
            Kind = kind,
            StartTimeUnixNano = endNanos - durationNanos,
            EndTimeUnixNano = endNanos,
            Status = new Status { Code = status },
        }),
    ];

    private static async Task<List<JsonElement>> RulesAsync(HttpClient api)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync("/api/v1/rules"));
        return [.. document.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()).Select(r => r.Clone())];
    }

    /// <summary>The pending and firing alerts of /api/v1/alerts.</summary>
    private static async Task<List<(string Alert, string Service, string Operation)>> ActiveAlertsAsync(HttpClient api)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync("/api/v1/alerts"));
        return [.. document.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(a => Key(a.GetProperty("labels")))];
    }
}
