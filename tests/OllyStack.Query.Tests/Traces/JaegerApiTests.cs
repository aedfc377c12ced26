using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Query.Traces;
using OllyStack.Storage.Traces;

namespace OllyStack.Query.Tests.Traces;

/// <summary>
/// The Jaeger query API over a real store on a loopback port: Jaeger's JSON shapes, search filters, dependencies,
/// OTLP/JSON, errors, and only the caller's tenant. The caller's tenant comes from an <c>X-Tenant</c> header here.
/// </summary>
public sealed class JaegerApiTests : IAsyncLifetime
{
    private const long Milli = 1_000_000;
    private const long T0 = 1_700_000_000_000 * Milli;
    private static readonly TraceId Checkout = new(0x1111, 0xaaaa);
    private static readonly TraceId Home = new(0x2222, 0xbbbb);
    private static readonly TraceId Old = new(0x3333, 0xcccc);
    private static readonly TraceId Secret = new(0x4444, 0xdddd);
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-jaeger-").FullName;
    private TracesStore _store = null!;
    private WebApplication _app = null!;
    private HttpClient _acme = null!;

    public async Task InitializeAsync()
    {
        _store = TracesStore.Open(new TracesStoreOptions { Directory = _directory });
        var acme = _store.For("acme");
        acme.Append([
            Span(Checkout, 1, 0, "frontend", "GET /checkout", 2, 0, 300, attributes: [SpanAttribute.String("http.route", "/checkout")]),
            Span(Checkout, 2, 1, "checkout", "charge", 3, 10, 200, status: 2, attributes: [new("http.status_code", AnyValueKind.Int, "500")],
                events: [new SpanEvent(T0 + 20 * Milli, "retry", [new SpanAttribute("attempt", AnyValueKind.Int, "2")])]),
            Span(Checkout, 3, 2, "checkout", "validate", 1, 15, 1),
            Span(Old, 1, 0, "frontend", "GET /checkout", 2, -2 * 86_400_000, 100),
            Span(Old, 2, 1, "checkout", "charge", 3, -2 * 86_400_000 + 1, 50),
        ]);
        acme.Flush(logEnd: 0);
        acme.Append([Span(Home, 1, 0, "frontend", "GET /home", 2, 1_000, 5)]);
        _store.For("globex").Append([Span(Secret, 1, 0, "secret-service", "hidden", 2, 0, 1)]);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRouting();
        _app = builder.Build();
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(T0 / Milli + 60_000));
        new JaegerApi(_store, metrics: null, AuthenticateAsync, clock).Map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _acme = Client(address, "acme");
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        await _app.DisposeAsync();
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static SpanRow Span(TraceId trace, ulong id, ulong parent, string service, string name, byte kind, long startMs, long durationMs,
        byte status = 0, SpanAttribute[]? attributes = null, SpanEvent[]? events = null) => new(
        trace, new SpanId(id), new SpanId(parent), service, name, kind, T0 + startMs * Milli, durationMs * Milli, 1, status, status == 2 ? "card declined" : "",
        attributes ?? [], events ?? [], [], [SpanAttribute.String("service.name", service), SpanAttribute.String("host.name", "h1")], "shop", "2.0");

    private static Task<Principal?> AuthenticateAsync(HttpContext context) =>
        Task.FromResult<Principal?>(new Principal(context.Request.Headers["X-Tenant"].ToString(), "key:test", Permissions.TracesRead));

    private static HttpClient Client(string address, string tenant)
    {
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-Tenant", tenant);
        return client;
    }

    private async Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK, HttpClient? client = null)
    {
        var response = await (client ?? _acme).GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{path}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<List<string>> TraceIdsAsync(string query) =>
        [.. (await GetAsync("/api/traces?" + query)).GetProperty("data").EnumerateArray().Select(t => t.GetProperty("traceID").GetString()!)];

    private static string Micros(long ms) => ((T0 / Milli + ms) * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ATraceByIdHasJaegersShape()
    {
        var body = await GetAsync($"/api/traces/{Checkout}");

        Assert.Equal(["data", "total", "limit", "offset", "errors"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, 0, 0, JsonValueKind.Null), (body.GetProperty("total").GetInt32(), body.GetProperty("limit").GetInt32(), body.GetProperty("offset").GetInt32(), body.GetProperty("errors").ValueKind));
        var trace = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("0000000000001111000000000000aaaa", trace.GetProperty("traceID").GetString());
        var spans = trace.GetProperty("spans").EnumerateArray().ToList();
        Assert.Equal(["GET /checkout", "charge", "validate"], spans.Select(s => s.GetProperty("operationName").GetString()));
        var charge = spans[1];
        Assert.Equal("0000000000000002", charge.GetProperty("spanID").GetString());
        var reference = Assert.Single(charge.GetProperty("references").EnumerateArray());
        Assert.Equal(("CHILD_OF", "0000000000001111000000000000aaaa", "0000000000000001"),
            (reference.GetProperty("refType").GetString(), reference.GetProperty("traceID").GetString(), reference.GetProperty("spanID").GetString()));
        Assert.Equal((T0 / 1000 + 10_000, 200_000L), (charge.GetProperty("startTime").GetInt64(), charge.GetProperty("duration").GetInt64()));
        var tags = charge.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => (t.GetProperty("type").GetString(), t.GetProperty("value").ToString()));
        Assert.Equal(("int64", "500"), tags["http.status_code"]);
        Assert.Equal(("string", "client"), tags["span.kind"]);
        Assert.Equal(("string", "ERROR"), tags["otel.status_code"]);
        Assert.Equal(("string", "card declined"), tags["otel.status_description"]);
        Assert.Equal(("bool", "True"), tags["error"]);
        Assert.Equal(("string", "shop"), tags["otel.scope.name"]);
        var log = Assert.Single(charge.GetProperty("logs").EnumerateArray());
        Assert.Equal(T0 / 1000 + 20_000, log.GetProperty("timestamp").GetInt64());
        Assert.Equal(["event=retry", "attempt=2"], log.GetProperty("fields").EnumerateArray().Select(f => $"{f.GetProperty("key")}={f.GetProperty("value")}"));
        var processes = trace.GetProperty("processes");
        Assert.Equal(["frontend", "checkout"], processes.EnumerateObject().Select(p => p.Value.GetProperty("serviceName").GetString()));
        Assert.Equal("p2", charge.GetProperty("processID").GetString());
        Assert.Equal(["host.name"], processes.GetProperty("p2").GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task AMissingTraceIs404InJaegersErrorShape()
    {
        var body = await GetAsync("/api/traces/00000000000000000000000000000bad", HttpStatusCode.NotFound);

        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal((404, "trace not found"), (error.GetProperty("code").GetInt32(), error.GetProperty("msg").GetString()));
        await GetAsync("/api/v1/traces/00000000000000000000000000000bad", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ATraceAsOtlpJsonHasHexIdsStringNanosAndNumericEnums()
    {
        var body = await GetAsync($"/api/v1/traces/{Checkout}");

        var resources = body.GetProperty("resourceSpans").EnumerateArray().ToList();
        Assert.Equal(2, resources.Count);
        var checkout = resources[1];
        Assert.Contains(checkout.GetProperty("resource").GetProperty("attributes").EnumerateArray(),
            a => a.GetProperty("key").GetString() == "service.name" && a.GetProperty("value").GetProperty("stringValue").GetString() == "checkout");
        var scope = Assert.Single(checkout.GetProperty("scopeSpans").EnumerateArray());
        Assert.Equal(("shop", "2.0"), (scope.GetProperty("scope").GetProperty("name").GetString(), scope.GetProperty("scope").GetProperty("version").GetString()));
        var charge = scope.GetProperty("spans")[0];
        Assert.Equal("0000000000001111000000000000aaaa", charge.GetProperty("traceId").GetString());
        Assert.Equal(("0000000000000002", "0000000000000001"), (charge.GetProperty("spanId").GetString(), charge.GetProperty("parentSpanId").GetString()));
        Assert.Equal(3, charge.GetProperty("kind").GetInt32());
        Assert.Equal((T0 + 10 * Milli).ToString(System.Globalization.CultureInfo.InvariantCulture), charge.GetProperty("startTimeUnixNano").GetString());
        Assert.Equal((T0 + 210 * Milli).ToString(System.Globalization.CultureInfo.InvariantCulture), charge.GetProperty("endTimeUnixNano").GetString());
        Assert.Equal("500", charge.GetProperty("attributes")[0].GetProperty("value").GetProperty("intValue").GetString());
        Assert.Equal((2, "card declined"), (charge.GetProperty("status").GetProperty("code").GetInt32(), charge.GetProperty("status").GetProperty("message").GetString()));
        Assert.Equal("retry", charge.GetProperty("events")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task ServicesAndOperationsAreListed()
    {
        var services = await GetAsync("/api/services");
        Assert.Equal(["checkout", "frontend"], services.GetProperty("data").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(2, services.GetProperty("total").GetInt32());

        Assert.Equal(["charge", "validate"], (await GetAsync("/api/services/checkout/operations")).GetProperty("data").EnumerateArray().Select(s => s.GetString()));
        var operations = (await GetAsync("/api/operations?service=checkout")).GetProperty("data").EnumerateArray()
            .Select(o => $"{o.GetProperty("name")}/{o.GetProperty("spanKind")}");
        Assert.Equal(["charge/client", "validate/internal"], operations);
        var servers = (await GetAsync("/api/operations?service=frontend&spanKind=server")).GetProperty("data").EnumerateArray().Select(o => o.GetProperty("name").GetString());
        Assert.Equal(["GET /checkout", "GET /home"], servers);
    }

    [Fact]
    public async Task SearchFiltersByServiceOperationTagsDurationTimeAndLimit()
    {
        var window = $"start={Micros(-60_000)}&end={Micros(60_000)}";
        var checkout = Checkout.ToString();
        var home = Home.ToString();

        Assert.Equal([home, checkout], await TraceIdsAsync($"service=frontend&{window}"));
        Assert.Equal([checkout], await TraceIdsAsync($"service=frontend&operation=GET%20%2Fcheckout&{window}"));
        Assert.Equal([checkout], await TraceIdsAsync($"service=checkout&tags=%7B%22error%22%3A%22true%22%7D&{window}"));
        Assert.Equal([checkout], await TraceIdsAsync($"service=checkout&tags=http.status_code%3D500%20attempt%3D2&{window}"));
        Assert.Empty(await TraceIdsAsync($"service=checkout&tags=http.status_code%3D404&{window}"));
        Assert.Equal([checkout], await TraceIdsAsync($"service=frontend&tag=host.name:h1&minDuration=100ms&{window}"));
        Assert.Equal([home], await TraceIdsAsync($"service=frontend&maxDuration=5ms&{window}"));
        Assert.Equal([home], await TraceIdsAsync($"service=frontend&limit=1&{window}"));
        Assert.Equal([Old.ToString()], await TraceIdsAsync($"service=frontend&start={Micros(-3 * 86_400_000)}&end={Micros(-86_400_000)}"));
        Assert.Equal([home, checkout], await TraceIdsAsync("service=frontend&lookback=1h"));
        var byIds = await TraceIdsAsync($"traceID={home}&traceID={checkout}");
        Assert.Equal([home, checkout], byIds);
    }

    [Fact]
    public async Task DependenciesCountCallsBetweenServicesInTheWindow()
    {
        var body = await GetAsync($"/api/dependencies?endTs={T0 / Milli + 60_000}&lookback=3600000");

        var edge = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal(("frontend", "checkout", 1), (edge.GetProperty("parent").GetString(), edge.GetProperty("child").GetString(), edge.GetProperty("callCount").GetInt32()));
        var twoDays = await GetAsync($"/api/dependencies?endTs={T0 / Milli + 60_000}&lookback={3L * 86_400_000}");
        Assert.Equal(2, Assert.Single(twoDays.GetProperty("data").EnumerateArray()).GetProperty("callCount").GetInt32());
    }

    [Fact]
    public async Task AnotherTenantSeesNoneOfTheseTraces()
    {
        using var globex = Client(_acme.BaseAddress!.ToString(), "globex");
        using var nobody = Client(_acme.BaseAddress!.ToString(), "initech");

        Assert.Equal(["secret-service"], (await GetAsync("/api/services", client: globex)).GetProperty("data").EnumerateArray().Select(s => s.GetString()));
        await GetAsync($"/api/traces/{Checkout}", HttpStatusCode.NotFound, globex);
        await GetAsync($"/api/traces/{Secret}", HttpStatusCode.NotFound);
        Assert.Empty((await GetAsync("/api/dependencies", client: globex)).GetProperty("data").EnumerateArray());
        Assert.Equal(0, (await GetAsync("/api/services", client: nobody)).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/traces", "service")]
    [InlineData("/api/traces/xyz", "traceID")]
    [InlineData("/api/traces?service=frontend&minDuration=fast", "minDuration")]
    [InlineData("/api/traces?service=frontend&limit=-1", "limit")]
    [InlineData("/api/traces?service=frontend&tags=%7Bbroken", "tags")]
    [InlineData("/api/traces?service=frontend&start=yesterday", "start")]
    [InlineData("/api/operations?service=frontend&spanKind=sideways", "spanKind")]
    [InlineData("/api/dependencies?endTs=soon", "endTs")]
    public async Task BadParametersAre400NamingThem(string path, string parameter)
    {
        var body = await GetAsync(path, HttpStatusCode.BadRequest);

        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Contains(parameter, error.GetProperty("msg").GetString(), StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
