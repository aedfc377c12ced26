using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Query.Api;
using OllyStack.Storage.Metrics;
using OllyStack.Storage.Traces;

namespace OllyStack.Query.Traces;

/// <summary>
/// Jaeger's HTTP query API on the API port, scoped to the caller's tenant, in the JSON shapes of Jaeger's query
/// service (so the Jaeger UI and Grafana's Jaeger data source work): services, operations, trace search, a trace by
/// id and the service dependencies; plus <c>/api/v1/traces/{id}</c>, a trace as OTLP/JSON.
/// </summary>
/// <remarks>
/// With a metric store, dependencies are the call counters derived at ingest (<see cref="ServiceGraphDependencies"/>),
/// exact whatever sampling keeps; without one (a node that does not store metrics), they are worked out from the
/// stored spans (<see cref="ServiceDependencies"/>).
/// </remarks>
public sealed class JaegerApi(TracesStore store, MetricsStore? metrics, Func<HttpContext, Task<Principal?>> authenticate, TimeProvider clock)
{
    private static readonly TimeSpan DefaultDependencyLookback = TimeSpan.FromDays(1);

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/services", context => HandleAsync(context, ServicesAsync));
        endpoints.MapGet("/api/services/{service}/operations", context => HandleAsync(context, ServiceOperationsAsync));
        endpoints.MapGet("/api/operations", context => HandleAsync(context, OperationsAsync));
        endpoints.MapGet("/api/traces", context => HandleAsync(context, SearchAsync));
        endpoints.MapGet("/api/traces/{traceId}", context => HandleAsync(context, TraceAsync));
        endpoints.MapGet("/api/dependencies", context => HandleForCallerAsync(context, DependenciesAsync));
        endpoints.MapGet("/api/v1/traces/{traceId}", context => HandleAsync(context, OtlpTraceAsync));
    }

    private Task HandleAsync(HttpContext context, Func<HttpContext, TenantTraces?, Task> handler) =>
        HandleForCallerAsync(context, (c, principal) => handler(c, store.Find(principal.Tenant)));

    private async Task HandleForCallerAsync(HttpContext context, Func<HttpContext, Principal, Task> handler)
    {
        var principal = await authenticate(context);
        if (principal is null) return;
        try
        {
            await handler(context, principal);
        }
        catch (ApiException e)
        {
            await JaegerResponse.ErrorAsync(context, e);
        }
    }

    private static Task ServicesAsync(HttpContext context, TenantTraces? traces)
    {
        var services = (traces?.Operations() ?? []).Select(o => o.Service).Distinct().ToList();
        return JaegerResponse.SuccessAsync(context, services.Count, json => ApiResponse.WriteStrings(json, services));
    }

    private static Task ServiceOperationsAsync(HttpContext context, TenantTraces? traces)
    {
        var service = (string)context.Request.RouteValues["service"]!;
        var names = OperationsOf(traces, service, kind: null).Select(o => o.Name).Distinct().ToList();
        return JaegerResponse.SuccessAsync(context, names.Count, json => ApiResponse.WriteStrings(json, names));
    }

    private static async Task OperationsAsync(HttpContext context, TenantTraces? traces)
    {
        var parameters = await ApiParameters.ReadAsync(context.Request);
        var service = parameters.Get("service");
        if (string.IsNullOrEmpty(service)) throw ApiException.BadData("parameter 'service' is required");
        byte? kind = parameters.Get("spanKind") is { Length: > 0 } text
            ? SpanKinds.Parse(text) ?? throw ApiException.BadData($"invalid parameter \"spanKind\": \"{text}\" is not one of server, client, producer, consumer, internal")
            : null;
        var operations = OperationsOf(traces, service, kind).ToList();
        await JaegerResponse.SuccessAsync(context, operations.Count, json =>
        {
            json.WriteStartArray();
            foreach (var operation in operations)
            {
                json.WriteStartObject();
                json.WriteString("name", operation.Name);
                json.WriteString("spanKind", SpanKinds.Name(operation.Kind));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private async Task SearchAsync(HttpContext context, TenantTraces? traces)
    {
        var parameters = await ApiParameters.ReadAsync(context.Request);
        var ids = parameters.All("traceID").Select(id => TraceIdText.Parse(id, "traceID")).ToList();
        var found = new List<(TraceId Id, IReadOnlyList<SpanRow> Spans)>();
        if (ids.Count == 0) ids = Search(traces, TraceSearch.Parse(parameters, clock.GetUtcNow()), context.RequestAborted);
        foreach (var id in ids)
            if (traces?.FindTrace(id) is { Count: > 0 } spans) found.Add((id, spans));
        await WriteTracesAsync(context, found);
    }

    private static async Task TraceAsync(HttpContext context, TenantTraces? traces)
    {
        var (id, spans) = Find(context, traces);
        await WriteTracesAsync(context, [(id, spans)]);
    }

    private static async Task OtlpTraceAsync(HttpContext context, TenantTraces? traces)
    {
        var (_, spans) = Find(context, traces);
        context.Response.ContentType = "application/json";
        await using var json = new System.Text.Json.Utf8JsonWriter(context.Response.BodyWriter);
        OtlpTraceJson.Write(json, spans);
    }

    private async Task DependenciesAsync(HttpContext context, Principal principal)
    {
        var parameters = await ApiParameters.ReadAsync(context.Request);
        var endMs = Milliseconds(parameters, "endTs") ?? clock.GetUtcNow().ToUnixTimeMilliseconds();
        var lookbackMs = Milliseconds(parameters, "lookback") ?? (long)DefaultDependencyLookback.TotalMilliseconds;
        if (lookbackMs < 0) throw ApiException.BadData("invalid parameter \"lookback\": must not be negative");
        var dependencies = metrics is not null
            ? ServiceGraphDependencies.Of(metrics.Find(principal.Tenant), endMs - lookbackMs, endMs)
            : ServiceDependencies.Of(store.Find(principal.Tenant)?.Scan(new SpanScan((endMs - lookbackMs) * 1_000_000, endMs * 1_000_000 + 1), context.RequestAborted) ?? []);
        await JaegerResponse.SuccessAsync(context, dependencies.Count, json =>
        {
            json.WriteStartArray();
            foreach (var dependency in dependencies)
            {
                json.WriteStartObject();
                json.WriteString("parent", dependency.Parent);
                json.WriteString("child", dependency.Child);
                json.WriteNumber("callCount", dependency.CallCount);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    /// <summary>The trace ids whose spans match, the most recently started first, at most the search's limit.</summary>
    private static List<TraceId> Search(TenantTraces? traces, TraceSearch search, CancellationToken cancellationToken)
    {
        if (traces is null) return [];
        var latest = new Dictionary<TraceId, long>();
        foreach (var span in traces.Scan(search.Scan, cancellationToken))
            if (search.Matches(span)) latest[span.TraceId] = Math.Max(latest.GetValueOrDefault(span.TraceId, long.MinValue), span.StartUnixNano);
        return [.. latest.OrderByDescending(t => t.Value).Take(search.Limit).Select(t => t.Key)];
    }

    /// <exception cref="ApiException">400 for an id that does not parse, 404 for a trace the tenant does not have.</exception>
    private static (TraceId Id, IReadOnlyList<SpanRow> Spans) Find(HttpContext context, TenantTraces? traces)
    {
        var id = TraceIdText.Parse((string)context.Request.RouteValues["traceId"]!, "traceID");
        var spans = traces?.FindTrace(id) ?? [];
        return spans.Count == 0 ? throw new ApiException(404, "not_found", "trace not found") : (id, spans);
    }

    private static Task WriteTracesAsync(HttpContext context, List<(TraceId Id, IReadOnlyList<SpanRow> Spans)> traces) =>
        JaegerResponse.SuccessAsync(context, traces.Count, json =>
        {
            json.WriteStartArray();
            foreach (var (id, spans) in traces) JaegerTraceJson.Write(json, id, spans);
            json.WriteEndArray();
        });

    private static IEnumerable<SpanOperation> OperationsOf(TenantTraces? traces, string service, byte? kind) =>
        (traces?.Operations() ?? []).Where(o => o.Service == service && (kind is null || o.Kind == kind));

    private static long? Milliseconds(ApiParameters parameters, string name)
    {
        var text = parameters.Get(name);
        if (string.IsNullOrEmpty(text)) return null;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) && Math.Abs(ms) < long.MaxValue / 2_000_000
            ? ms
            : throw ApiException.BadData($"invalid parameter \"{name}\": \"{text}\" is not a number of milliseconds");
    }
}
