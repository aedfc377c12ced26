using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd.Grafana;

/// <summary>What the Jaeger API answered: the HTTP status, the content type and the parsed JSON body.</summary>
internal sealed record JaegerReply(HttpStatusCode StatusCode, string? ContentType, JsonElement Body);

/// <summary>A trace search as Grafana's Jaeger search form holds it: empty fields are not sent.</summary>
/// <param name="Tags">As the user types them, logfmt (unquoted pairs here): <c>error=true http.status_code=500</c>.</param>
/// <param name="MinDuration">Go durations as the form takes them: <c>1.2s</c>, <c>100ms</c>, <c>500us</c>.</param>
internal sealed record JaegerSearch(string Service, string? Operation = null, string? Tags = null, string? MinDuration = null, string? MaxDuration = null, int? Limit = null);

/// <summary>
/// Sends the requests Grafana's Jaeger data source sends, the way it sends them. By default as Grafana 10 and 11 do,
/// from the browser through Grafana's proxy (query string written by Grafana's <c>serializeParams</c>, passed on as
/// it is): <c>GET /api/services</c> for "Save &amp; test" and the service list,
/// <c>GET /api/services/{service}/operations</c>, <c>GET /api/traces/{id}</c> (with <c>start</c> and <c>end</c> in
/// microseconds when "Enable time parameters" is on), the search <c>GET /api/traces?service&amp;operation&amp;tags&amp;
/// minDuration&amp;maxDuration&amp;limit&amp;start&amp;end&amp;lookback=custom</c> (times in microseconds, tags turned
/// from logfmt into a JSON object of strings) and the dependency graph's <c>GET /api/dependencies?endTs&amp;lookback</c>
/// (milliseconds). With <c>backendMode</c>, as Grafana 12 does with its <c>jaegerBackendMigration</c> feature: searches
/// come from its Go backend (<c>url.Values.Encode</c>, no <c>lookback</c>), and trace time parameters are milliseconds.
/// The API key travels in a custom HTTP header configured on the data source.
/// </summary>
internal sealed class GrafanaJaegerDataSource : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _backendMode;

    /// <param name="key">The API key; null for the server's admin key, "" for a data source configured without one.</param>
    public GrafanaJaegerDataSource(ServerProcess server, string? key = null, bool backendMode = false)
    {
        _backendMode = backendMode;
        _http = new HttpClient { BaseAddress = server.ApiEndpoint };
        key ??= server.AdminKey;
        if (key != "") _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Grafana", backendMode ? "12.0.0" : "11.3.0"));
    }

    /// <summary>"Save &amp; test": Grafana reports success when the service list is not empty.</summary>
    public Task<JaegerReply> HealthCheckAsync() => GetAsync("/api/services");

    public Task<JaegerReply> ServicesAsync() => GetAsync("/api/services");

    public Task<JaegerReply> OperationsAsync(string service) => GetAsync($"/api/services/{Uri.EscapeDataString(service)}/operations");

    /// <summary>A trace by id (Explore, trace links from logs and exemplars), optionally with the range as time parameters.</summary>
    public Task<JaegerReply> TraceAsync(string traceId, (long FromMs, long ToMs)? timeParameters = null)
    {
        var path = "/api/traces/" + Uri.EscapeDataString(traceId.Trim());
        if (timeParameters is not { } range) return GetAsync(path);
        return GetAsync(_backendMode
            ? $"{path}?{GrafanaQueryStrings.Go(("start", range.FromMs.ToString(CultureInfo.InvariantCulture)), ("end", range.ToMs.ToString(CultureInfo.InvariantCulture)))}"
            : $"{path}?start={range.FromMs * 1000}&end={range.ToMs * 1000}");
    }

    /// <summary>The search form's query over the panel's range.</summary>
    public Task<JaegerReply> SearchAsync(JaegerSearch search, long fromMs, long toMs)
    {
        List<(string, string)> query = [("service", search.Service)];
        if (!string.IsNullOrEmpty(search.Operation)) query.Add(("operation", search.Operation));
        if (!string.IsNullOrEmpty(search.Tags)) query.Add(("tags", TagsAsJson(search.Tags)));
        if (!string.IsNullOrEmpty(search.MinDuration)) query.Add(("minDuration", search.MinDuration));
        if (!string.IsNullOrEmpty(search.MaxDuration)) query.Add(("maxDuration", search.MaxDuration));
        if (search.Limit is { } limit) query.Add(("limit", limit.ToString(CultureInfo.InvariantCulture)));
        query.Add(("start", (fromMs * 1000).ToString(CultureInfo.InvariantCulture)));
        query.Add(("end", (toMs * 1000).ToString(CultureInfo.InvariantCulture)));
        if (_backendMode) return GetAsync("/api/traces?" + GrafanaQueryStrings.Go([.. query]));
        query.Add(("lookback", "custom"));
        return GetAsync("/api/traces?" + GrafanaQueryStrings.Frontend([.. query]));
    }

    /// <summary>The "Dependency graph" query type: the range's end and length in milliseconds.</summary>
    public Task<JaegerReply> DependenciesAsync(long fromMs, long toMs) =>
        GetAsync(_backendMode
            ? "/api/dependencies?" + GrafanaQueryStrings.Go(("endTs", toMs.ToString(CultureInfo.InvariantCulture)), ("lookback", (toMs - fromMs).ToString(CultureInfo.InvariantCulture)))
            : $"/api/dependencies?endTs={toMs}&lookback={toMs - fromMs}");

    public void Dispose() => _http.Dispose();

    /// <summary>Grafana turns the form's logfmt into a JSON object whose values are all strings.</summary>
    private static string TagsAsJson(string logfmt) =>
        JsonSerializer.Serialize(logfmt.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1] : "true"));

    private async Task<JaegerReply> GetAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"GET {pathAndQuery}: {(int)response.StatusCode}, not JSON: {body}", e);
        }
        return new JaegerReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, json);
    }
}
