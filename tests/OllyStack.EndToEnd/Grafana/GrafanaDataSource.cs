using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd.Grafana;

/// <summary>What the Prometheus API answered: the HTTP status and the parsed JSON body.</summary>
internal sealed record PrometheusReply(HttpStatusCode StatusCode, string? ContentType, JsonElement Body);

/// <summary>
/// Sends the requests Grafana's Prometheus data source (Grafana 10 and 11) sends, the way it sends them with its
/// default settings (HTTP method POST):
/// <list type="bullet">
/// <item>queries from its Go backend (panels, alerting, "Save &amp; test", exemplars) are POSTs with an
/// application/x-www-form-urlencoded body; times are Unix seconds, the step is seconds;</item>
/// <item>label names and series lookups from its query editor are POSTs with a form body too;</item>
/// <item>label values, metric metadata, rules and build info are always GETs with a query string: Grafana lists
/// them as endpoints that only support GET.</item>
/// </list>
/// The API key travels in a custom HTTP header configured on the data source, as Grafana sends it:
/// <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Ollystack-Key: &lt;key&gt;</c>.
/// </summary>
internal sealed class GrafanaDataSource : IDisposable
{
    /// <summary>The series limit Grafana's query editor sends with every series lookup.</summary>
    public const string DefaultSeriesLimit = "40000";

    private readonly HttpClient _http;

    /// <param name="key">The API key; null for the server's admin key, "" for a data source configured without one.</param>
    /// <param name="keyHeader">The custom header's name: <c>Authorization</c> (value <c>Bearer &lt;key&gt;</c>) or <c>X-Ollystack-Key</c>.</param>
    public GrafanaDataSource(ServerProcess server, string? key = null, string keyHeader = "Authorization")
    {
        _http = new HttpClient { BaseAddress = server.ApiEndpoint };
        key ??= server.AdminKey;
        if (key != "") _http.DefaultRequestHeaders.Add(keyHeader, keyHeader == "Authorization" ? $"Bearer {key}" : key);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Grafana", "11.3.0"));
    }

    /// <summary>"Save &amp; test": the instant query <c>1+1</c> over the fixed time range 1 s to 4 s, evaluated at its end.</summary>
    public Task<PrometheusReply> HealthCheckAsync() => PostFormAsync("/api/v1/query", ("query", "1+1"), ("time", "4"));

    /// <summary>Asked on "Save &amp; test" and by Grafana's alerting, to tell Prometheus from Mimir and learn the version.</summary>
    public Task<PrometheusReply> BuildInfoAsync() => GetAsync("/api/v1/status/buildinfo");

    /// <summary>A panel's or a <c>query_result()</c> variable's instant query.</summary>
    public Task<PrometheusReply> InstantQueryAsync(string expr, double time) =>
        PostFormAsync("/api/v1/query", ("query", expr), ("time", Seconds(time)));

    /// <summary>
    /// A panel's range query. Grafana aligns start and end down to a multiple of the step before sending them;
    /// <paramref name="timeout"/> is the data source's optional "Query timeout" setting.
    /// </summary>
    public Task<PrometheusReply> RangeQueryAsync(string expr, double start, double end, double step, string? timeout = null)
    {
        List<(string, string)> form = [("query", expr), ("start", Seconds(start)), ("end", Seconds(end)), ("step", Seconds(step))];
        if (timeout is not null) form.Add(("timeout", timeout));
        return PostFormAsync("/api/v1/query_range", [.. form]);
    }

    /// <summary>
    /// When the query editor loads, Grafana probes for exemplar support with the query <c>test</c> over the last 30
    /// minutes, and (unlike everywhere else) gives start and end in Unix milliseconds. It offers the exemplars toggle
    /// only if this succeeds.
    /// </summary>
    public Task<PrometheusReply> ExemplarSupportProbeAsync(long nowMs) =>
        PostFormAsync("/api/v1/query_exemplars", ("query", "test"), ("start", (nowMs - 30 * 60_000).ToString(CultureInfo.InvariantCulture)),
            ("end", nowMs.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// Asked when the data source loads, to expand recording rules in the query editor, and by Grafana's alert list,
    /// which shows the data source as failing unless it answers.
    /// </summary>
    public Task<PrometheusReply> RulesAsync() => GetAsync("/api/v1/rules");

    /// <summary>Sent beside a range query when the panel's "Exemplars" toggle is on.</summary>
    public Task<PrometheusReply> ExemplarsAsync(string expr, double start, double end) =>
        PostFormAsync("/api/v1/query_exemplars", ("query", expr), ("start", Seconds(start)), ("end", Seconds(end)));

    /// <summary>The query editor's label names (also <c>label_names()</c> variables and ad hoc filter keys), one <c>match[]</c> per metric in the query.</summary>
    public Task<PrometheusReply> LabelNamesAsync(double start, double end, params string[] matches) =>
        PostFormAsync("/api/v1/labels", [("start", Seconds(start)), ("end", Seconds(end)), .. matches.Select(m => ("match[]", m))]);

    /// <summary>
    /// The values of a label: <c>__name__</c> lists the metrics when the query editor opens; with <paramref name="match"/>
    /// this is a <c>label_values(metric, label)</c> variable or the editor narrowing values to the chosen metric.
    /// </summary>
    public Task<PrometheusReply> LabelValuesAsync(string label, double start, double end, string? match = null)
    {
        List<(string, string)> query = [("start", Seconds(start)), ("end", Seconds(end))];
        if (match is not null) query.Add(("match[]", match));
        return GetAsync($"/api/v1/label/{label}/values", [.. query]);
    }

    /// <summary>The query editor's series lookup for a selector, with the limit Grafana always sends.</summary>
    public Task<PrometheusReply> SeriesAsync(string match, double start, double end) =>
        PostFormAsync("/api/v1/series", ("start", Seconds(start)), ("end", Seconds(end)), ("match[]", match), ("limit", DefaultSeriesLimit));

    /// <summary>Type and help of every metric family, for the query editor's hints and metrics explorer.</summary>
    public Task<PrometheusReply> MetadataAsync() => GetAsync("/api/v1/metadata");

    public void Dispose() => _http.Dispose();

    /// <summary>Go's <c>strconv.FormatFloat(v, 'f', -1, 64)</c>, which Grafana's backend formats times and steps with.</summary>
    private static string Seconds(double value) => value.ToString("0.###############", CultureInfo.InvariantCulture);

    private async Task<PrometheusReply> PostFormAsync(string path, params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        using var response = await _http.PostAsync(path, content);
        return await ReadAsync(response);
    }

    private async Task<PrometheusReply> GetAsync(string path, params (string Name, string Value)[] query)
    {
        var url = query.Length == 0 ? path : path + "?" + string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));
        using var response = await _http.GetAsync(url);
        return await ReadAsync(response);
    }

    private static async Task<PrometheusReply> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode}, not JSON: {body}", e);
        }
        return new PrometheusReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, json);
    }
}
