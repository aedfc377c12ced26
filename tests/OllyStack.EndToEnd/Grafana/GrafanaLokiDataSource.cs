using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd.Grafana;

/// <summary>What the Loki API answered: the HTTP status, the content type and the body (JSON, or text for errors).</summary>
internal sealed record LokiReply(HttpStatusCode StatusCode, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>
/// A query Grafana runs for a feature beside the one the user asked for; Grafana names it in the
/// <c>X-Query-Tags: Source=...</c> header.
/// </summary>
internal enum LokiSupportingQuery
{
    None,

    /// <summary>The bar chart above the logs in Explore: <c>sum by (level, detected_level) (count_over_time(...))</c>.</summary>
    LogsVolume,

    /// <summary>The log lines shown under a metric query in Explore.</summary>
    LogsSample,

    /// <summary>The lines the query builder reads to offer parsers and label names.</summary>
    DataSample,
}

/// <summary>
/// Sends the requests Grafana's Loki data source (Grafana 10 and 11) sends, the way it sends them:
/// <list type="bullet">
/// <item>queries (panels, Explore, alerting, "Save &amp; test") come from Grafana's Go backend as GETs to
/// <c>/loki/api/v1/query_range</c> or <c>/loki/api/v1/query</c>, their query string written by Go's
/// <c>url.Values.Encode</c>: <c>direction</c> always (<c>backward</c> unless the user chose otherwise), <c>limit</c>
/// only when the query has a line limit, times in Unix nanoseconds from a range Grafana holds in milliseconds, and for
/// range queries always a <c>step</c> in whole milliseconds (<c>2000ms</c>), even for log queries;</item>
/// <item>label names, label values, series and query statistics come from the browser as resource calls that
/// Grafana's backend passes on as GETs with the browser's query string unchanged, times in Unix nanoseconds.</item>
/// </list>
/// The API key travels in a custom HTTP header configured on the data source, as Grafana sends it:
/// <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Ollystack-Key: &lt;key&gt;</c>.
/// </summary>
internal sealed class GrafanaLokiDataSource : IDisposable
{
    /// <summary>The data source's default "Maximum lines", sent as <c>limit</c> with every query that does not set its own.</summary>
    public const int DefaultMaxLines = 1000;

    private const long NanosPerMilli = 1_000_000;

    private readonly HttpClient _http;

    /// <param name="key">The API key; null for the server's admin key, "" for a data source configured without one.</param>
    /// <param name="keyHeader">The custom header's name: <c>Authorization</c> (value <c>Bearer &lt;key&gt;</c>) or <c>X-Ollystack-Key</c>.</param>
    public GrafanaLokiDataSource(ServerProcess server, string? key = null, string keyHeader = "Authorization")
    {
        _http = new HttpClient { BaseAddress = server.ApiEndpoint };
        key ??= server.AdminKey;
        if (key != "") _http.DefaultRequestHeaders.Add(keyHeader, keyHeader == "Authorization" ? $"Bearer {key}" : key);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Grafana", "11.3.0"));
    }

    /// <summary>
    /// "Save &amp; test": the instant query <c>vector(1)+vector(1)</c> at the end of the fixed range 1 s to 4 s. Grafana
    /// wants one frame of two fields, one row, value 2.
    /// </summary>
    public Task<LokiReply> HealthCheckAsync() =>
        GetAsync("/loki/api/v1/query", GrafanaQueryStrings.Go(("direction", "backward"), ("query", "vector(1)+vector(1)"), ("time", Nanos(4000))));

    /// <summary>
    /// A panel's or Explore's range query over [<paramref name="startMs"/>, <paramref name="endMs"/>]. Grafana sends its
    /// step (its interval, at least a 11,000th of the range, rounded up to the millisecond) even for log queries.
    /// </summary>
    /// <param name="maxLines">The line limit; 0 sends none, as for a query whose line limit is unset.</param>
    public Task<LokiReply> RangeQueryAsync(string expr, long startMs, long endMs, long stepMs, int maxLines = DefaultMaxLines, string direction = "backward",
        LokiSupportingQuery supporting = LokiSupportingQuery.None)
    {
        List<(string, string)> query = [("query", expr), ("direction", direction), ("start", Nanos(startMs)), ("end", Nanos(endMs)), ("step", $"{stepMs}ms")];
        if (maxLines > 0) query.Add(("limit", maxLines.ToString(CultureInfo.InvariantCulture)));
        return GetAsync("/loki/api/v1/query_range", GrafanaQueryStrings.Go([.. query]), supporting);
    }

    /// <summary>An instant query (stat and gauge panels, alert rules), at the end of the panel's range.</summary>
    public Task<LokiReply> InstantQueryAsync(string expr, long timeMs, int maxLines = DefaultMaxLines) =>
        GetAsync("/loki/api/v1/query", GrafanaQueryStrings.Go(("query", expr), ("direction", "backward"), ("time", Nanos(timeMs)), ("limit", maxLines.ToString(CultureInfo.InvariantCulture))));

    /// <summary>Label names for the label browser, autocompletion and <c>label_names()</c>; with a selector, those of its streams.</summary>
    public Task<LokiReply> LabelsAsync(long startMs, long endMs, string? query = null) =>
        ResourceAsync("labels", [("start", Nanos(startMs)), ("end", Nanos(endMs)), .. Optional("query", query)]);

    /// <summary>A label's values for the label browser and <c>label_values()</c>; with a selector, those of its streams.</summary>
    public Task<LokiReply> LabelValuesAsync(string label, long startMs, long endMs, string? query = null) =>
        ResourceAsync($"label/{Uri.EscapeDataString(label)}/values", [("start", Nanos(startMs)), ("end", Nanos(endMs)), .. Optional("query", query)]);

    /// <summary>The streams of a selector: the label browser's and autocompletion's label values once a label is chosen, and the log context's indexed labels.</summary>
    public Task<LokiReply> SeriesAsync(string match, long startMs, long endMs) =>
        ResourceAsync("series", [("match[]", match), ("start", Nanos(startMs)), ("end", Nanos(endMs))]);

    /// <summary>The query editor's "this query will process about ..." estimate, asked per stream selector of the query.</summary>
    public Task<LokiReply> IndexStatsAsync(string query, long startMs, long endMs) =>
        ResourceAsync("index/stats", [("query", query), ("start", Nanos(startMs)), ("end", Nanos(endMs))]);

    /// <summary>
    /// Grafana 12 asks for <c>detected_labels</c> when the query editor starts; when that fails, it falls back to
    /// <see cref="LabelsAsync"/>, <see cref="SeriesAsync"/> and data samples.
    /// </summary>
    public Task<LokiReply> DetectedLabelsAsync(long startMs, long endMs) =>
        ResourceAsync("detected_labels", [("start", Nanos(startMs)), ("end", Nanos(endMs))]);

    public void Dispose() => _http.Dispose();

    /// <summary>Grafana holds ranges in milliseconds and sends nanoseconds: the milliseconds followed by six zeros.</summary>
    private static string Nanos(long ms) => (ms * NanosPerMilli).ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<(string, string)> Optional(string name, string? value) => value is null ? [] : [(name, value)];

    private Task<LokiReply> ResourceAsync(string resource, (string Name, string Value)[] query) =>
        GetAsync("/loki/api/v1/" + resource, GrafanaQueryStrings.Frontend(query));

    private async Task<LokiReply> GetAsync(string path, string query, LokiSupportingQuery supporting = LokiSupportingQuery.None)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?{query}");
        if (supporting != LokiSupportingQuery.None) request.Headers.Add("X-Query-Tags", "Source=" + SourceTag(supporting));
        using var response = await _http.SendAsync(request);
        return new LokiReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private static string SourceTag(LokiSupportingQuery supporting) => supporting switch
    {
        LokiSupportingQuery.LogsVolume => "logvolhist",
        LokiSupportingQuery.LogsSample => "logsample",
        LokiSupportingQuery.DataSample => "datasample",
        _ => throw new ArgumentOutOfRangeException(nameof(supporting)),
    };
}
