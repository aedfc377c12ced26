using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using OllyStack.Benchmarks.Load;

namespace OllyStack.Benchmarks.Logs;

/// <summary>
/// Loki's HTTP query API as Grafana's Loki data source calls it (GET with query, start and end in nanoseconds, limit and
/// direction for log queries, step for metric queries), with the server's bootstrap admin key. Timing covers the
/// whole request: evaluation, JSON and transfer, which is what a panel waits for.
/// </summary>
public sealed class LokiQueryClient(TargetServer server) : IDisposable
{
    private readonly HttpClient _http = Create(server);

    /// <summary>A log query: the newest (backward) <paramref name="limit"/> lines in the range.</summary>
    public Task<LokiAnswer> LogsAsync(string query, long startUnixNano, long endUnixNano, int limit) =>
        GetAsync($"/loki/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={startUnixNano}&end={endUnixNano}&limit={limit}&direction=backward");

    public Task<LokiAnswer> MetricAsync(string query, long startUnixNano, long endUnixNano, TimeSpan step) =>
        GetAsync($"/loki/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={startUnixNano}&end={endUnixNano}&step={step.TotalSeconds.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>An instant metric query; its answer's <see cref="LokiAnswer.FirstValue"/> is the first sample.</summary>
    public Task<LokiAnswer> InstantAsync(string query, long timeUnixNano) =>
        GetAsync($"/loki/api/v1/query?query={Uri.EscapeDataString(query)}&time={timeUnixNano}");

    /// <summary>The log patterns of the selected streams, as Grafana's Patterns tab asks for them.</summary>
    public Task<LokiAnswer> PatternsAsync(string selector, long startUnixNano, long endUnixNano, TimeSpan step) =>
        GetAsync($"/loki/api/v1/patterns?query={Uri.EscapeDataString(selector)}&start={startUnixNano}&end={endUnixNano}&step={step.TotalSeconds.ToString(CultureInfo.InvariantCulture)}");

    public void Dispose() => _http.Dispose();

    private async Task<LokiAnswer> GetAsync(string uri)
    {
        var clock = Stopwatch.StartNew();
        using var response = await _http.GetAsync(uri);
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = clock.Elapsed;
        if (!response.IsSuccessStatusCode)
        {
            var text = System.Text.Encoding.UTF8.GetString(body);
            return new LokiAnswer(elapsed, 0, 0, double.NaN, $"{(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        }
        using var json = JsonDocument.Parse(body);
        var data = json.RootElement.GetProperty("data");
        // Patterns: an array of patterns, each with its samples.
        if (data.ValueKind == JsonValueKind.Array) return new LokiAnswer(elapsed, data.GetArrayLength(), data.EnumerateArray().Sum(p => p.GetProperty("samples").GetArrayLength()), double.NaN, null);
        var result = data.GetProperty("result");
        var (series, points, first) = (result.GetArrayLength(), 0L, double.NaN);
        foreach (var item in result.EnumerateArray())
        {
            if (item.TryGetProperty("values", out var values)) points += values.GetArrayLength();
            else if (item.TryGetProperty("value", out var value))
            {
                points++;
                if (double.IsNaN(first)) first = double.Parse(value[1].GetString()!, CultureInfo.InvariantCulture);
            }
        }
        return new LokiAnswer(elapsed, series, points, first, null);
    }

    private static HttpClient Create(TargetServer server)
    {
        var http = new HttpClient { BaseAddress = server.ApiBase, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Key);
        return http;
    }
}
