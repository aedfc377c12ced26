using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd.Grafana;

/// <summary>
/// A running server holding what Grafana's Jaeger data source reads, sent over OTLP/HTTP JSON: a failing checkout a
/// minute ago (the frontend's server span, its client call and the cart service's server span with a "cache miss"
/// event), a health check half a minute ago, and a failing checkout two hours ago, outside the last hour. Shared by a
/// test class; the spans and the frontend-to-cart edge are queryable once <see cref="InitializeAsync"/> returns.
/// </summary>
public sealed class DashboardTraces : IAsyncLifetime
{
    public const string Frontend = "frontend";

    /// <summary>A service name with a space, which Grafana escapes in the operations path.</summary>
    public const string Cart = "cart service";

    public const string FailedCheckout = "5b8efff798038103d269b633813fc60c";
    public const string HealthCheck = "0af7651916cd43dd8448eb211c80319c";
    public const string OldCheckout = "4bf92f3577b34da6a3ce929d0e0e4736";

    public const string CheckoutSpan = "eee19b7ec3c1b174";
    public const string CartCallSpan = "eee19b7ec3c1b175";
    public const string LoadCartSpan = "eee19b7ec3c1b176";

    private const long Millisecond = 1_000_000;

    internal ServerProcess Server { get; private set; } = null!;

    /// <summary>When the failing checkout started, in Unix nanoseconds (a whole second).</summary>
    public long CheckoutStartNanos { get; private set; }

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync();
        try
        {
            await LoadAsync();
        }
        catch
        {
            // Stop the server now rather than count on the runner disposing a fixture that failed to initialise
            // (disposing twice is harmless).
            await Server.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    private async Task LoadAsync()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() * 1000 * Millisecond;
        CheckoutStartNanos = now - 60_000 * Millisecond;
        var old = now - 7_200_000 * Millisecond;
        var healthCheck = now - 30_000 * Millisecond;
        object[] frontendSpans =
        [
            Span(FailedCheckout, CheckoutSpan, "", "GET /cart", isServer: true, CheckoutStartNanos, 30, failed: true, Attributes(("http.method", "GET"), ("http.status_code", 500))),
            Span(FailedCheckout, CartCallSpan, CheckoutSpan, "HTTP GET", isServer: false, CheckoutStartNanos + 2 * Millisecond, 20, failed: false, Attributes(("http.method", "GET"))),
            Span(HealthCheck, "a1b2c3d4e5f60718", "", "GET /health", isServer: true, healthCheck, 1, failed: false, Attributes(("http.status_code", 200))),
            Span(OldCheckout, "0102030405060708", "", "GET /cart", isServer: true, old, 30, failed: true, Attributes(("http.status_code", 500))),
        ];
        var loadCart = Span(FailedCheckout, LoadCartSpan, CartCallSpan, "load cart", isServer: true, CheckoutStartNanos + 4 * Millisecond, 10, failed: false, [],
            [new { timeUnixNano = (CheckoutStartNanos + 5 * Millisecond).ToString(CultureInfo.InvariantCulture), name = "cache miss", attributes = Attributes(("key", "cart:42")) }]);
        var request = new
        {
            resourceSpans = new[]
            {
                Resource(Attributes(("service.name", Frontend), ("host.name", "web-1")), frontendSpans),
                Resource(Attributes(("service.name", Cart), ("service.version", "1.2.0")), [loadCart]),
            },
        };

        using var push = Server.PushClient();
        using var response = await push.PostAsync("/v1/traces", new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"push: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

        using var api = Server.ApiClient();
        await Poll.UntilAsync(async () => await SpanCountAsync(api, FailedCheckout) == 3 && await SpanCountAsync(api, HealthCheck) == 1 && await SpanCountAsync(api, OldCheckout) == 1
            && (await api.GetStringAsync("/api/dependencies")).Contains($"\"child\":\"{Cart}\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "every span and the frontend-to-cart edge to be queryable");
    }

    private static object Resource(object[] attributes, object[] spans) =>
        new { resource = new { attributes }, scopeSpans = new[] { new { scope = new { name = "e2e" }, spans } } };

    /// <summary>One span as OTLP/JSON: hex ids, nanoseconds as strings, kind 2 (server) or 3 (client), status 2 (error) or unset.</summary>
    private static object Span(string traceId, string spanId, string parentSpanId, string name, bool isServer, long startNanos, long durationMs, bool failed,
        object[] attributes, object[]? events = null) => new
    {
        traceId,
        spanId,
        parentSpanId,
        name,
        kind = isServer ? 2 : 3,
        startTimeUnixNano = startNanos.ToString(CultureInfo.InvariantCulture),
        endTimeUnixNano = (startNanos + durationMs * Millisecond).ToString(CultureInfo.InvariantCulture),
        attributes,
        events = events ?? [],
        status = new { code = failed ? 2 : 0 },
    };

    private static object[] Attributes(params (string Key, object Value)[] attributes) =>
        [.. attributes.Select(a => new { key = a.Key, value = a.Value is int number ? (object)new { intValue = number.ToString(CultureInfo.InvariantCulture) } : new { stringValue = (string)a.Value } })];

    private static async Task<int> SpanCountAsync(HttpClient api, string traceId)
    {
        using var response = await api.GetAsync($"/api/traces/{traceId}");
        if (response.StatusCode == HttpStatusCode.NotFound) return 0;
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("data")[0].GetProperty("spans").GetArrayLength();
    }
}
