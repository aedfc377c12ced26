using System.Net;
using OllyStack.EndToEnd.Grafana;

namespace OllyStack.EndToEnd;

/// <summary>
/// Grafana's Jaeger data source pointed at OllyStack's API port works unchanged: Save &amp; test, the search form's
/// services and operations, trace search, the trace view and the dependency graph each succeed and answer in the shape
/// Grafana reads, whether Grafana sends them from the browser (Grafana 10 and 11) or from its backend (Grafana 12's
/// <c>jaegerBackendMigration</c>). Grafana is not installable here, so <see cref="GrafanaJaegerDataSource"/> replays
/// its requests over HTTP against the real binary, and <see cref="GrafanaJaegerShapes"/> checks the answers.
/// </summary>
public sealed class GrafanaJaegerDataSourceTests(DashboardTraces traces) : IClassFixture<DashboardTraces>
{
    /// <summary>Grafana's default range, the last hour up to now.</summary>
    private static (long FromMs, long ToMs) LastHour()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return (now - 3_600_000, now);
    }

    [Fact]
    public async Task SaveAndTestFindsServices()
    {
        using var grafana = new GrafanaJaegerDataSource(traces.Server);

        Assert.NotEmpty(GrafanaJaegerShapes.Names(GrafanaJaegerShapes.Data(await grafana.HealthCheckAsync())));

        using var keyless = new GrafanaJaegerDataSource(traces.Server, key: "");
        Assert.Equal(HttpStatusCode.Unauthorized, (await keyless.HealthCheckAsync()).StatusCode);
    }

    [Fact]
    public async Task SearchFormListsServicesAndEachServicesOperations()
    {
        using var grafana = new GrafanaJaegerDataSource(traces.Server);

        Assert.Equal([DashboardTraces.Cart, DashboardTraces.Frontend], GrafanaJaegerShapes.Names(GrafanaJaegerShapes.Data(await grafana.ServicesAsync())).Order());
        Assert.Equal(["GET /cart", "GET /health", "HTTP GET"],
            GrafanaJaegerShapes.Names(GrafanaJaegerShapes.Data(await grafana.OperationsAsync(DashboardTraces.Frontend))).Order());
        Assert.Equal(["load cart"], GrafanaJaegerShapes.Names(GrafanaJaegerShapes.Data(await grafana.OperationsAsync(DashboardTraces.Cart))));
        Assert.Empty(GrafanaJaegerShapes.Names(GrafanaJaegerShapes.Data(await grafana.OperationsAsync("nobody"))));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SearchFindsTheTracesOfTheRangeThatMatchEveryField(bool backendMode)
    {
        using var grafana = new GrafanaJaegerDataSource(traces.Server, backendMode: backendMode);
        var (from, to) = LastHour();

        async Task<string[]> FoundAsync(JaegerSearch search)
        {
            var found = GrafanaJaegerShapes.Traces(GrafanaJaegerShapes.Data(await grafana.SearchAsync(search, from, to)));
            // Grafana names each trace in its results after the root span's service and operation.
            Assert.All(found, t => Assert.Equal(DashboardTraces.Frontend, t.Root.Service));
            return [.. found.Select(t => t.TraceId).Order()];
        }

        Assert.Equal([DashboardTraces.HealthCheck, DashboardTraces.FailedCheckout], await FoundAsync(new JaegerSearch(DashboardTraces.Frontend, Limit: 20)));
        Assert.Equal([DashboardTraces.FailedCheckout], await FoundAsync(new JaegerSearch(DashboardTraces.Frontend, Operation: "GET /cart")));
        Assert.Equal([DashboardTraces.FailedCheckout], await FoundAsync(new JaegerSearch(DashboardTraces.Frontend, Tags: "error=true http.status_code=500")));
        Assert.Equal([DashboardTraces.HealthCheck, DashboardTraces.FailedCheckout], await FoundAsync(new JaegerSearch(DashboardTraces.Frontend, Tags: "host.name=web-1")));
        Assert.Equal([DashboardTraces.FailedCheckout], await FoundAsync(new JaegerSearch(DashboardTraces.Frontend, MinDuration: "10ms")));
        Assert.Equal([DashboardTraces.HealthCheck], await FoundAsync(new JaegerSearch(DashboardTraces.Frontend, MaxDuration: "5ms")));
        Assert.Equal([DashboardTraces.HealthCheck], await FoundAsync(new JaegerSearch(DashboardTraces.Frontend, Limit: 1)));
        Assert.Equal([DashboardTraces.FailedCheckout], await FoundAsync(new JaegerSearch(DashboardTraces.Cart, Operation: "load cart")));
        Assert.Empty(await FoundAsync(new JaegerSearch(DashboardTraces.Frontend, Operation: "GET /cart", MaxDuration: "1ms")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TraceViewGetsEverySpanWithItsServiceParentTimesTagsAndEvents(bool backendMode)
    {
        using var grafana = new GrafanaJaegerDataSource(traces.Server, backendMode: backendMode);

        foreach (var reply in new[]
                 {
                     await grafana.TraceAsync(DashboardTraces.FailedCheckout),
                     await grafana.TraceAsync(DashboardTraces.FailedCheckout.ToUpperInvariant(), timeParameters: LastHour()),
                 })
        {
            var trace = Assert.Single(GrafanaJaegerShapes.Traces(GrafanaJaegerShapes.Data(reply)));
            Assert.Equal(DashboardTraces.FailedCheckout, trace.TraceId);
            var spans = trace.Spans.ToDictionary(s => s.SpanId);
            Assert.Equal([DashboardTraces.CheckoutSpan, DashboardTraces.CartCallSpan, DashboardTraces.LoadCartSpan], spans.Keys.Order());

            var checkout = trace.Root;
            Assert.Equal((DashboardTraces.CheckoutSpan, "GET /cart", DashboardTraces.Frontend), (checkout.SpanId, checkout.OperationName, checkout.Service));
            Assert.Equal((traces.CheckoutStartNanos / 1000, 30_000), (checkout.StartMicros, checkout.DurationMicros));
            Assert.Contains(new JaegerTag("http.status_code", "int64", "500"), checkout.Tags);
            Assert.Contains(new JaegerTag("http.method", "string", "GET"), checkout.Tags);
            Assert.Contains(new JaegerTag("span.kind", "string", "server"), checkout.Tags);
            Assert.Contains(new JaegerTag("error", "bool", "true"), checkout.Tags);
            Assert.Contains(new JaegerTag("host.name", "string", "web-1"), checkout.ProcessTags);

            Assert.Equal((DashboardTraces.CheckoutSpan, DashboardTraces.Frontend), (spans[DashboardTraces.CartCallSpan].ParentSpanId, spans[DashboardTraces.CartCallSpan].Service));
            Assert.Contains(new JaegerTag("span.kind", "string", "client"), spans[DashboardTraces.CartCallSpan].Tags);

            var loadCart = spans[DashboardTraces.LoadCartSpan];
            Assert.Equal((DashboardTraces.CartCallSpan, DashboardTraces.Cart, 10_000), (loadCart.ParentSpanId, loadCart.Service, loadCart.DurationMicros));
            Assert.Contains(new JaegerTag("service.version", "string", "1.2.0"), loadCart.ProcessTags);
            var cacheMiss = Assert.Single(loadCart.Logs);
            Assert.Equal(traces.CheckoutStartNanos / 1000 + 5_000, cacheMiss.TimestampMicros);
            Assert.Equal([new JaegerTag("event", "string", "cache miss"), new JaegerTag("key", "string", "cart:42")], cacheMiss.Fields);
        }
    }

    [Fact]
    public async Task UnknownTraceIsAJaegerNotFoundErrorGrafanaShows()
    {
        using var grafana = new GrafanaJaegerDataSource(traces.Server);

        Assert.Equal("trace not found", GrafanaJaegerShapes.Error(await grafana.TraceAsync("00000000000000000000000000000bad"), HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DependencyGraphGetsTheCallsBetweenServicesInTheRange(bool backendMode)
    {
        using var grafana = new GrafanaJaegerDataSource(traces.Server, backendMode: backendMode);
        var (from, to) = LastHour();

        Assert.Equal([(DashboardTraces.Frontend, DashboardTraces.Cart, 1L)],
            GrafanaJaegerShapes.Dependencies(GrafanaJaegerShapes.Data(await grafana.DependenciesAsync(from, to))));
        Assert.Empty(GrafanaJaegerShapes.Dependencies(GrafanaJaegerShapes.Data(await grafana.DependenciesAsync(from - 3_600_000, from))));
    }
}
