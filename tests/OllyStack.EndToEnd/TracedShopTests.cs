using System.Globalization;
using System.Net;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>
/// Three services of the sample shop, instrumented with the OpenTelemetry .NET SDK, call each other over HTTP and send
/// their traces and logs to the real binary: the trace is found by id with its tree (Jaeger API and OTLP JSON), the
/// service graph has its edges, the RED metrics answer PromQL, and the trace's logs answer LogQL, each way round.
/// </summary>
public sealed class TracedShopTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private ServerProcess _server = null!;
    private readonly List<SampleShopProcess> _services = [];

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        var payments = await StartAsync("payments", [], failOdd: true);
        var cart = await StartAsync("cart", []);
        await StartAsync("frontend", [cart, payments]);
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _services) await service.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<SampleShopProcess> StartAsync(string name, SampleShopProcess[] downstream, bool failOdd = false)
    {
        var service = await SampleShopProcess.StartAsync(_server, name, downstream, failOdd);
        _services.Add(service);
        return service;
    }

    [Fact]
    public async Task ATraceAcrossServicesIsFoundWithItsTreeGraphMetricsAndLogs()
    {
        var frontend = _services[^1];
        using var shopper = new HttpClient { BaseAddress = frontend.Endpoint };
        var declined = await (await shopper.GetAsync("/work?order=7")).Content.ReadAsStringAsync();
        var paid = await (await shopper.GetAsync("/work?order=8")).Content.ReadAsStringAsync();
        using var api = _server.ApiClient();

        await AssertTraceTreeAsync(api, declined);
        await AssertOtlpTraceAsync(api, declined);
        await AssertServiceGraphAsync(api);
        await AssertRedMetricsAsync(api);
        await AssertLogsOfTheTraceAsync(api, declined, paid);
    }

    /// <summary>Jaeger's trace by id: five spans (a server span per service, two client calls from the frontend), each call the child of its client span.</summary>
    private static async Task AssertTraceTreeAsync(HttpClient api, string traceId)
    {
        JsonElement trace = default;
        await Poll.UntilAsync(async () =>
        {
            using var response = await api.GetAsync($"/api/traces/{traceId}");
            if (response.StatusCode != HttpStatusCode.OK) return false;
            trace = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0];
            return trace.GetProperty("spans").GetArrayLength() == 5;
        }, Patience, $"trace {traceId} with its five spans");
        var processes = trace.GetProperty("processes");
        string ServiceOf(JsonElement span) => processes.GetProperty(span.GetProperty("processID").GetString()!).GetProperty("serviceName").GetString()!;
        string Kind(JsonElement span) => span.GetProperty("tags").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "span.kind").GetProperty("value").GetString()!;
        var spans = trace.GetProperty("spans").EnumerateArray().ToList();
        var byId = spans.ToDictionary(s => s.GetProperty("spanID").GetString()!);
        string? Parent(JsonElement span) => span.GetProperty("references").EnumerateArray().Select(r => r.GetProperty("spanID").GetString()).SingleOrDefault();

        var root = Assert.Single(spans, s => Parent(s) is null);
        Assert.Equal(("frontend", "server"), (ServiceOf(root), Kind(root)));
        foreach (var callee in new[] { "cart", "payments" })
        {
            var server = Assert.Single(spans, s => ServiceOf(s) == callee);
            var client = byId[Parent(server)!];
            Assert.Equal(("frontend", "client"), (ServiceOf(client), Kind(client)));
            Assert.Equal(root.GetProperty("spanID").GetString(), Parent(client));
        }
        Assert.All(spans, s => Assert.Equal(traceId, s.GetProperty("traceID").GetString()));
    }

    private static async Task AssertOtlpTraceAsync(HttpClient api, string traceId)
    {
        using var response = await api.GetAsync($"/api/v1/traces/{traceId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resourceSpans = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("resourceSpans").EnumerateArray().ToList();
        var services = resourceSpans.Select(r => r.GetProperty("resource").GetProperty("attributes").EnumerateArray()
            .Single(a => a.GetProperty("key").GetString() == "service.name").GetProperty("value").GetProperty("stringValue").GetString()).Order();
        Assert.Equal(["cart", "frontend", "payments"], services);
    }

    private static async Task AssertServiceGraphAsync(HttpClient api)
    {
        var end = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds();
        var edges = (await JsonAsync(api, $"/api/dependencies?endTs={end}&lookback=3600000")).GetProperty("data").EnumerateArray()
            .Select(d => (d.GetProperty("parent").GetString(), d.GetProperty("child").GetString(), d.GetProperty("callCount").GetInt64())).ToList();
        Assert.Contains(("frontend", "cart", 2L), edges);
        Assert.Contains(("frontend", "payments", 2L), edges);
    }

    /// <summary>Calls per service, errors of the failing one and the graph's edges, from the metrics derived at ingest.</summary>
    private static async Task AssertRedMetricsAsync(HttpClient api)
    {
        var expected = new Dictionary<string, double> { ["cart"] = 2, ["frontend"] = 2, ["payments"] = 2 };
        // Derived in the same batches as everything below, so once these are all applied the rest are too.
        await Poll.UntilAsync(async () => (await VectorAsync(api, "sum by (service) (ollystack_span_calls_total{span_kind=\"SPAN_KIND_SERVER\"})", "service")).OrderBy(c => c.Key).SequenceEqual(expected),
            Patience, "two server calls per service in the RED metrics");
        var errors = await VectorAsync(api, "sum by (service) (ollystack_span_calls_total{status_code=\"STATUS_CODE_ERROR\", span_kind=\"SPAN_KIND_SERVER\"})", "service");
        Assert.Equal(new Dictionary<string, double> { ["payments"] = 1 }, errors);
        var p99 = await VectorAsync(api, "histogram_quantile(0.99, sum by (le, service) (ollystack_span_duration_seconds_bucket{service=\"cart\"}))", "service");
        Assert.InRange(p99["cart"], 0, 15);
        var graph = await VectorAsync(api, "sum by (server) (ollystack_service_graph_request_total{client=\"frontend\"})", "server");
        Assert.Equal(new Dictionary<string, double> { ["cart"] = 2, ["payments"] = 2 }, graph);
    }

    /// <summary>The declined payment's log is found by text and carries the trace id; every log of the trace is found by its id.</summary>
    private static async Task AssertLogsOfTheTraceAsync(HttpClient api, string declined, string paid)
    {
        var declinedLogs = await StreamsAsync(api, "{service_name=\"payments\", level=\"error\"} |= \"declined\"");
        var line = Assert.Single(declinedLogs);
        Assert.Equal(declined, line.Labels["trace_id"]);
        Assert.Equal("payment for order 7 declined: card expired", line.Text);

        var ofTrace = await StreamsAsync(api, $"{{service_name=~\"frontend|cart|payments\"}} | trace_id=\"{declined}\"");
        Assert.Equal(["cart", "frontend", "frontend", "payments", "payments"], ofTrace.Select(l => l.Labels["service_name"]).Order());
        Assert.DoesNotContain(ofTrace, l => l.Labels["trace_id"] == paid);
        using var trace = await api.GetAsync($"/api/traces/{line.Labels["trace_id"]}");
        Assert.Equal(HttpStatusCode.OK, trace.StatusCode);
    }

    private static async Task<List<(Dictionary<string, string> Labels, string Text)>> StreamsAsync(HttpClient api, string query)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds() * 1_000_000;
        var end = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds() * 1_000_000;
        var lines = new List<(Dictionary<string, string>, string)>();
        await Poll.UntilAsync(async () =>
        {
            var data = (await JsonAsync(api, $"/loki/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={start}&end={end}&limit=100")).GetProperty("data");
            Assert.Equal("streams", data.GetProperty("resultType").GetString());
            lines.Clear();
            foreach (var stream in data.GetProperty("result").EnumerateArray())
            {
                var labels = stream.GetProperty("stream").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
                foreach (var value in stream.GetProperty("values").EnumerateArray()) lines.Add((labels, value[1].GetString()!));
            }
            return lines.Count > 0;
        }, Patience, $"log lines for {query}");
        return lines;
    }

    private static async Task<Dictionary<string, double>> VectorAsync(HttpClient api, string query, string label)
    {
        var result = (await JsonAsync(api, $"/api/v1/query?query={Uri.EscapeDataString(query)}")).GetProperty("data").GetProperty("result");
        return result.EnumerateArray().ToDictionary(
            s => s.GetProperty("metric").GetProperty(label).GetString()!,
            s => double.Parse(s.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture));
    }

    private static async Task<JsonElement> JsonAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
