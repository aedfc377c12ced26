using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.Core.Admission;
using OllyStack.Query.PromQL.Caching;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Metrics;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Query.Api;

/// <summary>
/// The Prometheus HTTP API on the API port, scoped to the caller's tenant: instant and range queries, series, label
/// names and values, metric metadata, exemplars and build info (GET and POST, Prometheus' JSON shapes and error
/// types), so Grafana's Prometheus data source and other Prometheus clients work unchanged.
/// </summary>
public sealed class PrometheusApi(
    MetricsStore store, PromQLEngineOptions engineOptions, RangeResultCache rangeCache, Func<HttpContext, Task<Principal?>> authenticate)
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        var queries = new QueryEndpoints(store, engineOptions, rangeCache);
        MapGetAndPost(endpoints, "/api/v1/query", queries.InstantAsync);
        MapGetAndPost(endpoints, "/api/v1/query_range", queries.RangeAsync);
        MapGetAndPost(endpoints, "/api/v1/series", SeriesAsync);
        MapGetAndPost(endpoints, "/api/v1/labels", LabelsAsync);
        MapGetAndPost(endpoints, "/api/v1/label/{name}/values", LabelValuesAsync);
        MapGetAndPost(endpoints, "/api/v1/metadata", MetadataAsync);
        MapGetAndPost(endpoints, "/api/v1/query_exemplars", ExemplarsAsync);
        endpoints.MapGet("/api/v1/status/buildinfo", context => HandleAsync(context, BuildInfoAsync));
    }

    private void MapGetAndPost(IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, Principal, Task> handler) =>
        endpoints.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Post], context => HandleAsync(context, handler));

    private async Task HandleAsync(HttpContext context, Func<HttpContext, Principal, Task> handler)
    {
        var principal = await authenticate(context);
        if (principal is null) return;
        try
        {
            await handler(context, principal);
        }
        catch (ApiException e)
        {
            await ApiResponse.ErrorAsync(context, e);
        }
    }

    private async Task SeriesAsync(HttpContext context, Principal principal)
    {
        var parameters = await ApiParameters.ReadAsync(context.Request);
        var selectors = parameters.All("match[]");
        if (selectors.Count == 0) throw ApiException.BadData("no match[] parameter provided");
        var (tenant, series) = Select(principal, SeriesSelectors.Parse(selectors), parameters);
        await ApiResponse.SuccessAsync(context, json =>
        {
            json.WriteStartArray();
            foreach (var seriesRef in series) ApiResponse.WriteLabels(json, tenant!.Head.LabelsOf(seriesRef));
            json.WriteEndArray();
        });
    }

    private async Task LabelsAsync(HttpContext context, Principal principal)
    {
        var parameters = await ApiParameters.ReadAsync(context.Request);
        var selectors = parameters.All("match[]");
        var (tenant, series) = Select(principal, selectors.Count == 0 ? [[]] : SeriesSelectors.Parse(selectors), parameters);
        var names = tenant is null ? [] : tenant.Head.LabelNames(series);
        await ApiResponse.SuccessAsync(context, json => ApiResponse.WriteStrings(json, names));
    }

    private async Task LabelValuesAsync(HttpContext context, Principal principal)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        if (!IsLabelName(name)) throw ApiException.BadData($"invalid label name: \"{name}\"");
        var parameters = await ApiParameters.ReadAsync(context.Request);
        var selectors = parameters.All("match[]");
        var (tenant, series) = Select(principal, selectors.Count == 0 ? [[]] : SeriesSelectors.Parse(selectors), parameters);
        var values = tenant is null ? [] : tenant.Head.LabelValues(name, series);
        await ApiResponse.SuccessAsync(context, json => ApiResponse.WriteStrings(json, values));
    }

    private async Task MetadataAsync(HttpContext context, Principal principal)
    {
        var parameters = await ApiParameters.ReadAsync(context.Request);
        var metric = parameters.Get("metric");
        var limit = int.TryParse(parameters.Get("limit"), out var l) && l > 0 ? l : int.MaxValue;
        var metadata = store.Find(principal.Tenant)?.Head.Metadata() ?? new Dictionary<string, MetricMetadata>();
        await ApiResponse.SuccessAsync(context, json =>
        {
            json.WriteStartObject();
            foreach (var (family, entry) in metadata.Where(m => metric is null || m.Key == metric).OrderBy(m => m.Key, StringComparer.Ordinal).Take(limit))
            {
                json.WriteStartArray(family);
                json.WriteStartObject();
                json.WriteString("type", entry.Type.ToString().ToLowerInvariant());
                json.WriteString("help", entry.Help);
                json.WriteString("unit", entry.Unit);
                json.WriteEndObject();
                json.WriteEndArray();
            }
            json.WriteEndObject();
        });
    }

    /// <summary>Exemplars are not stored yet (remote write and OTLP drop them), so every valid query has none.</summary>
    private static async Task ExemplarsAsync(HttpContext context, Principal principal)
    {
        var parameters = await ApiParameters.ReadAsync(context.Request);
        var query = parameters.Get("query") ?? throw ApiException.BadData("invalid parameter \"query\": no query given");
        try
        {
            PromQL.PromQLParser.Parse(query);
        }
        catch (PromQL.PromQLParseException e)
        {
            throw ApiException.BadData($"invalid parameter \"query\": {e.Message}");
        }
        await ApiResponse.SuccessAsync(context, json => ApiResponse.WriteStrings(json, []));
    }

    private static Task BuildInfoAsync(HttpContext context, Principal _) => ApiResponse.SuccessAsync(context, json =>
    {
        json.WriteStartObject();
        json.WriteString("version", BuildInfo.PrometheusVersion);
        json.WriteString("revision", "ollystack-" + BuildInfo.OllyStackVersion);
        json.WriteString("branch", "");
        json.WriteString("buildUser", "");
        json.WriteString("buildDate", "");
        json.WriteString("goVersion", "");
        json.WriteEndObject();
    });

    /// <summary>The caller's series matching any of the selectors with a sample inside [start, end].</summary>
    private (TenantMetrics? Tenant, List<uint> Series) Select(Principal principal, List<List<StorageMatcher>> selectors, ApiParameters parameters)
    {
        var start = parameters.TimeMs("start", ApiParameters.MinTimeMs);
        var end = parameters.TimeMs("end", ApiParameters.MaxTimeMs);
        if (end < start) throw ApiException.BadData("invalid parameter \"end\": end timestamp must not be before start time");
        var tenant = store.Find(principal.Tenant);
        if (tenant is null) return (null, []);
        var series = tenant.WithSamplesIn(selectors.SelectMany(tenant.Head.Select).Distinct(), start, end);
        return (tenant, series);
    }

    private static bool IsLabelName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
