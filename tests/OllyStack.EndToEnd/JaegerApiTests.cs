using System.Net;
using System.Text;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>Spans of two services sent over OTLP/HTTP JSON are found through the Jaeger API and as OTLP/JSON, with their service edge.</summary>
public sealed class JaegerApiTests : IAsyncLifetime
{
    private const string TraceId = "5b8efff798038103d269b633813fc60c";
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync("--traces-flush-interval", "200ms");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ATraceOfTwoServicesIsFoundByIdWithItsServicesAndDependency()
    {
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        using var push = _server.PushClient();
        foreach (var body in new[] { Request("frontend", "eee19b7ec3c1b174", "", "GET /cart", 2, start, 3), Request("cart", "eee19b7ec3c1b175", "eee19b7ec3c1b174", "load cart", 3, start + 1_000_000, 1) })
        {
            var response = await push.PostAsync("/v1/traces", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using var api = _server.ApiClient();

        JsonElement trace = default;
        await Poll.UntilAsync(async () =>
        {
            var response = await api.GetAsync($"/api/traces/{TraceId}");
            if (response.StatusCode != HttpStatusCode.OK) return false;
            trace = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0];
            return trace.GetProperty("spans").GetArrayLength() == 2;
        }, TimeSpan.FromSeconds(30), "both spans to be queryable");

        Assert.Equal(TraceId, trace.GetProperty("traceID").GetString());
        Assert.Equal(["frontend", "cart"], trace.GetProperty("processes").EnumerateObject().Select(p => p.Value.GetProperty("serviceName").GetString()));
        var otlp = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/traces/{TraceId}")).RootElement;
        Assert.Equal(["GET /cart", "load cart"], otlp.GetProperty("resourceSpans").EnumerateArray()
            .SelectMany(r => r.GetProperty("scopeSpans")[0].GetProperty("spans").EnumerateArray()).Select(s => s.GetProperty("name").GetString()));
        var services = JsonDocument.Parse(await api.GetStringAsync("/api/services")).RootElement.GetProperty("data");
        Assert.Equal(["cart", "frontend"], services.EnumerateArray().Select(s => s.GetString()));
        var edge = JsonDocument.Parse(await api.GetStringAsync("/api/dependencies")).RootElement.GetProperty("data")[0];
        Assert.Equal(("frontend", "cart", 1), (edge.GetProperty("parent").GetString(), edge.GetProperty("child").GetString(), edge.GetProperty("callCount").GetInt32()));
        using var anonymous = new HttpClient { BaseAddress = _server.ApiEndpoint };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/traces/{TraceId}")).StatusCode);
    }

    /// <summary>One span of one service as OTLP/JSON (hex ids, string nanoseconds, kind as a number).</summary>
    private static string Request(string service, string spanId, string parentSpanId, string name, int kind, long startNano, long durationMs) => $$$"""
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"{{{service}}}"}}]},
          "scopeSpans":[{"scope":{"name":"e2e"},"spans":[{"traceId":"{{{TraceId}}}","spanId":"{{{spanId}}}","parentSpanId":"{{{parentSpanId}}}",
            "name":"{{{name}}}","kind":{{{kind}}},"startTimeUnixNano":"{{{startNano}}}","endTimeUnixNano":"{{{startNano + durationMs * 1_000_000}}}"}]}]}]}
        """;
}
