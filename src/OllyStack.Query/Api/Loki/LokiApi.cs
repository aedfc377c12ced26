using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.Core.Admission;
using OllyStack.Query.LogQL;
using OllyStack.Query.LogQL.Evaluation;
using OllyStack.Storage.Index;
using OllyStack.Storage.Logs;

namespace OllyStack.Query.Api.Loki;

/// <summary>
/// The Loki HTTP API on the API port, scoped to the caller's tenant: LogQL queries, label names and values, series,
/// index stats, patterns and build info (GET and POST, Loki's JSON shapes, plain-text errors), so Grafana's Loki data source works
/// unchanged; plus <c>/api/v1/logs/patterns</c>, the mined templates with counts, first and last seen.
/// </summary>
public sealed partial class LokiApi
{
    /// <summary>The Loki release whose API and LogQL this follows; Grafana picks features by it.</summary>
    public const string LokiVersion = "2.9.0";

    /// <summary>Label, series and stats calls without a start look back this far (Loki's default).</summary>
    private static readonly TimeSpan MetadataSince = TimeSpan.FromHours(6);

    private readonly LogsStore _store;
    private readonly TimeProvider _clock;
    private readonly Func<HttpContext, Task<Principal?>> _authenticate;
    private readonly StoredLogSource _source;
    private readonly LogQLEngine _engine;

    public LokiApi(LogsStore store, TimeProvider clock, Func<HttpContext, Task<Principal?>> authenticate)
    {
        _store = store;
        _clock = clock;
        _authenticate = authenticate;
        _source = new StoredLogSource(store);
        _engine = new LogQLEngine(_source);
    }

    public void Map(IEndpointRouteBuilder endpoints)
    {
        MapGetAndPost(endpoints, "/loki/api/v1/labels", LabelsAsync);
        MapGetAndPost(endpoints, "/loki/api/v1/label/{name}/values", LabelValuesAsync);
        MapGetAndPost(endpoints, "/loki/api/v1/series", SeriesAsync);
        MapGetAndPost(endpoints, "/loki/api/v1/index/stats", IndexStatsAsync);
        MapGetAndPost(endpoints, "/loki/api/v1/patterns", LokiPatternsAsync);
        MapGetAndPost(endpoints, "/api/v1/logs/patterns", PatternsAsync);
        endpoints.MapGet("/loki/api/v1/status/buildinfo", context => HandleAsync(context, BuildInfoAsync));
        MapGetAndPost(endpoints, "/loki/api/v1/query", InstantQueryAsync);
        MapGetAndPost(endpoints, "/loki/api/v1/query_range", RangeQueryAsync);
        endpoints.MapGet("/loki/api/v1/tail", context => HandleAsync(context, TailAsync));
    }

    private void MapGetAndPost(IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, Principal, Task> handler) =>
        endpoints.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Post], context => HandleAsync(context, handler));

    private async Task HandleAsync(HttpContext context, Func<HttpContext, Principal, Task> handler)
    {
        var principal = await _authenticate(context);
        if (principal is null) return;
        try
        {
            await handler(context, principal);
        }
        catch (ApiException e)
        {
            await LokiErrors.WriteAsync(context, e.StatusCode, e.Message);
        }
    }

    private Task<LokiParameters> ParametersAsync(HttpContext context) => LokiParameters.ReadAsync(context.Request, _clock);

    /// <summary>The streams of the caller's tenant in the call's range that the <c>query</c> (or <c>match[]</c>) selectors pick; all when none.</summary>
    private List<LogStream> Streams(Principal principal, LokiParameters parameters, IReadOnlyList<string> selectors)
    {
        var (start, end) = parameters.Range(MetadataSince);
        IEnumerable<IReadOnlyList<LabelMatcher>> matcherSets = selectors.Count == 0 ? [[]] : selectors.Select(s => LokiSelectors.Parse(s, "selector"));
        var streams = new HashSet<LogStream>(ReferenceEqualityComparer.Instance);
        foreach (var matchers in matcherSets) streams.UnionWith(_source.Streams(principal.Tenant, matchers, start, end + 1));
        return [.. streams.OrderBy(s => s.Key, StringComparer.Ordinal)];
    }

    private static IReadOnlyList<string> QuerySelectors(LokiParameters parameters) => parameters.Get("query") is { Length: > 0 } query ? [query] : [];

    private async Task LabelsAsync(HttpContext context, Principal principal)
    {
        var parameters = await ParametersAsync(context);
        var names = Streams(principal, parameters, QuerySelectors(parameters)).SelectMany(s => s.Labels.Select(l => l.Key)).Distinct().Order(StringComparer.Ordinal);
        await ApiResponse.SuccessAsync(context, json => ApiResponse.WriteStrings(json, names));
    }

    private async Task LabelValuesAsync(HttpContext context, Principal principal)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        var parameters = await ParametersAsync(context);
        var values = Streams(principal, parameters, QuerySelectors(parameters)).Select(s => s[name]).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        await ApiResponse.SuccessAsync(context, json => ApiResponse.WriteStrings(json, values));
    }

    private async Task SeriesAsync(HttpContext context, Principal principal)
    {
        var parameters = await ParametersAsync(context);
        var selectors = parameters.All("match[]").Concat(parameters.All("match")).ToList();
        if (selectors.Count == 0) throw ApiException.BadData("at least one match[] parameter is required, e.g. match[]={service_name=\"api\"}");
        var streams = Streams(principal, parameters, selectors);
        await ApiResponse.SuccessAsync(context, json =>
        {
            json.WriteStartArray();
            foreach (var stream in streams) ApiResponse.WriteLabels(json, stream.Labels.Select(l => (l.Key, l.Value)));
            json.WriteEndArray();
        });
    }

    /// <summary>Loki's answer is a bare object, not the success envelope.</summary>
    private async Task IndexStatsAsync(HttpContext context, Principal principal)
    {
        var parameters = await ParametersAsync(context);
        var matchers = LokiSelectors.Parse(parameters.Query, "query");
        var (start, end) = parameters.Range(TimeSpan.FromHours(1));
        var stats = _store.Find(principal.Tenant)?.Stats(new LogSelection(matchers, start, end + 1, false, [])) ?? default;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteNumber("streams", stats.Streams);
        json.WriteNumber("chunks", stats.Chunks);
        json.WriteNumber("entries", stats.Entries);
        json.WriteNumber("bytes", stats.Bytes);
        json.WriteEndObject();
    }

    private LogPatternResult MinePatterns(Principal principal, LokiParameters parameters, CancellationToken cancellationToken)
    {
        var matchers = LokiSelectors.Parse(parameters.Query, "query");
        var (start, end) = parameters.Range();
        var read = new LogRead(principal.Tenant, matchers, start, end + 1, LogDirection.Backward, []);
        return LogPatternQuery.Run(_source, read, parameters.StepUnixNano(start, end), cancellationToken);
    }

    /// <summary>Loki 3's pattern endpoint: variable parts written <c>&lt;_&gt;</c>, counts per step as [seconds, count].</summary>
    private async Task LokiPatternsAsync(HttpContext context, Principal principal)
    {
        var result = MinePatterns(principal, await ParametersAsync(context), context.RequestAborted);
        await ApiResponse.SuccessAsync(context, json =>
        {
            json.WriteStartArray();
            foreach (var pattern in result.Patterns)
            {
                json.WriteStartObject();
                json.WriteString("pattern", pattern.Pattern.Replace(Storage.Logs.Templates.LogTemplate.Wildcard, "<_>", StringComparison.Ordinal));
                WriteSamples(json, pattern);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private async Task PatternsAsync(HttpContext context, Principal principal)
    {
        var result = MinePatterns(principal, await ParametersAsync(context), context.RequestAborted);
        await ApiResponse.SuccessAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("lines_scanned", result.LinesScanned);
            json.WriteBoolean("truncated", result.Truncated);
            json.WriteStartArray("patterns");
            foreach (var pattern in result.Patterns)
            {
                json.WriteStartObject();
                json.WriteString("pattern", pattern.Pattern);
                json.WriteNumber("count", pattern.Count);
                json.WriteString("first_seen", Rfc3339(pattern.FirstSeenUnixNano));
                json.WriteString("last_seen", Rfc3339(pattern.LastSeenUnixNano));
                WriteSamples(json, pattern);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteSamples(Utf8JsonWriter json, LogPattern pattern)
    {
        json.WriteStartArray("samples");
        foreach (var (step, count) in pattern.Samples)
        {
            json.WriteStartArray();
            json.WriteNumberValue(step / 1_000_000_000);
            json.WriteNumberValue(count);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    private static string Rfc3339(long unixNano) =>
        DateTimeOffset.UnixEpoch.AddTicks(unixNano / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Loki answers build info as a bare object.</summary>
    private static async Task BuildInfoAsync(HttpContext context, Principal _)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("version", LokiVersion);
        json.WriteString("revision", "ollystack-" + BuildInfo.OllyStackVersion);
        json.WriteString("branch", "");
        json.WriteString("buildUser", "");
        json.WriteString("buildDate", "");
        json.WriteString("goVersion", "");
        json.WriteEndObject();
    }
}
