using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using OllyStack.Benchmarks.Load;

namespace OllyStack.Benchmarks.History;

/// <summary>
/// The Prometheus HTTP query API as Grafana calls it (GET with query, start, end, step), the same for every target;
/// OllyStack gets the bootstrap admin key as a bearer token. Timing covers the whole request: evaluation, JSON
/// encoding and transfer, which is what a dashboard waits for.
/// </summary>
public sealed class PromQueryClient(TargetServer server) : IDisposable
{
    private readonly HttpClient _http = Create(server);

    /// <summary>Runs a range query; returns the wall time, the series and points returned, or the error the server gave.</summary>
    public async Task<QueryAnswer> RangeAsync(string query, long startMs, long endMs, long stepMs)
    {
        var uri = $"/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={Seconds(startMs)}&end={Seconds(endMs)}&step={Seconds(stepMs)}";
        return await GetAsync(uri);
    }

    /// <summary>Runs an instant query and returns the first sample's value, or NaN when the result is empty or failed.</summary>
    public async Task<double> ScalarAsync(string query, long timeMs)
    {
        var answer = await GetAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}&time={Seconds(timeMs)}");
        return answer.FirstValue;
    }

    public void Dispose() => _http.Dispose();

    private async Task<QueryAnswer> GetAsync(string uri)
    {
        var clock = Stopwatch.StartNew();
        using var response = await _http.GetAsync(uri);
        var body = await response.Content.ReadAsByteArrayAsync();
        var milliseconds = clock.Elapsed.TotalMilliseconds;
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            var text = System.Text.Encoding.UTF8.GetString(body);
            return new QueryAnswer(milliseconds, 0, 0, double.NaN, $"{(int)response.StatusCode}: {text[..Math.Min(200, text.Length)]}");
        }
        using var _ = json;
        var root = json.RootElement;
        if (!response.IsSuccessStatusCode || root.GetProperty("status").GetString() != "success")
            return new QueryAnswer(milliseconds, 0, 0, double.NaN, $"{(int)response.StatusCode}: {(root.TryGetProperty("error", out var error) ? error.GetString() : "")}");
        var result = root.GetProperty("data").GetProperty("result");
        if (result.ValueKind != JsonValueKind.Array) return new QueryAnswer(milliseconds, 1, 1, double.NaN, null);
        long points = 0;
        var first = double.NaN;
        foreach (var series in result.EnumerateArray())
        {
            if (series.TryGetProperty("values", out var values)) points += values.GetArrayLength();
            else if (series.TryGetProperty("value", out var value))
            {
                points++;
                if (double.IsNaN(first)) first = double.Parse(value[1].GetString()!, CultureInfo.InvariantCulture);
            }
        }
        return new QueryAnswer(milliseconds, result.GetArrayLength(), points, first, null);
    }

    private static string Seconds(long milliseconds) => (milliseconds / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static HttpClient Create(TargetServer server)
    {
        var http = new HttpClient { BaseAddress = server.ApiBase, Timeout = TimeSpan.FromMinutes(5) };
        if (server.Key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Key);
        return http;
    }
}
