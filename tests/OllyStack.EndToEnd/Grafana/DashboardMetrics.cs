using System.Text.Json;
using OllyStack.EndToEnd.Compliance;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Prometheus;

namespace OllyStack.EndToEnd.Grafana;

/// <summary>
/// A running server holding what a typical Grafana dashboard reads: five minutes of one service's request counters
/// (by status code) and its classic request-latency histogram, written by remote write every 15 s with their metric
/// metadata. Shared by a test class; the data is queryable once <see cref="InitializeAsync"/> returns.
/// </summary>
public sealed class DashboardMetrics : IAsyncLifetime
{
    public const int IntervalSeconds = 15;

    /// <summary>Samples per series: five minutes, both ends included.</summary>
    public const int Points = 21;

    /// <summary>Per 15 s: 30 requests with code 200 (2/s) and 3 with code 500 (0.2/s).</summary>
    public static readonly (string Code, double PerStep)[] Codes = [("200", 30), ("500", 3)];

    /// <summary>Per 15 s: cumulative latency bucket counts; 30 requests in all, 10 of them under 100 ms.</summary>
    public static readonly (string Le, double PerStep)[] Buckets = [("0.1", 10), ("0.5", 25), ("1", 28), ("+Inf", 30)];

    public const string Job = "shop";

    public const string Instance = "web-1:8080";

    internal ServerProcess Server { get; private set; } = null!;

    /// <summary>Unix seconds of the last sample, a whole multiple of the interval, as Grafana aligns range queries to their step.</summary>
    public long EndSeconds { get; private set; }

    /// <summary>Every series written: two counters, four buckets, the histogram's sum and count.</summary>
    public static int SeriesCount => Codes.Length + Buckets.Length + 2;

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync();
        try
        {
            await LoadAsync();
        }
        catch
        {
            // Stop the server now rather than count on the runner disposing a fixture that failed to initialise
            // (disposing twice is harmless).
            await Server.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    private async Task LoadAsync()
    {
        EndSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / IntervalSeconds * IntervalSeconds;
        using var push = Server.PushClient();
        await RemoteWriter.SendAsync(push, new Uri(Server.OtlpHttpEndpoint, "/api/v1/write"), Samples(EndSeconds),
        [
            new MetricMetadata { MetricFamilyName = "http_requests_total", Type = MetricMetadata.Types.MetricType.Counter, Help = "Requests handled." },
            new MetricMetadata
            {
                MetricFamilyName = "http_request_duration_seconds", Type = MetricMetadata.Types.MetricType.Histogram, Help = "Time to answer a request.",
                Unit = "seconds",
            },
        ]);

        using var api = Server.ApiClient();
        await Poll.UntilAsync(async () => await SamplesStoredAsync(api) == SeriesCount * Points && await FamiliesWithMetadataAsync(api) == 2,
            TimeSpan.FromSeconds(30), $"all {SeriesCount * Points} samples and both metadata entries to be queryable");
    }

    private static IEnumerable<(Label[] Labels, long TimestampMs, double Value)> Samples(long endSeconds)
    {
        // One array per series: RemoteWriter groups a request's samples into series by label array.
        var counters = Codes.Select(c => (Labels: SeriesLabels("http_requests_total", ("code", c.Code)), c.PerStep)).ToArray();
        var buckets = Buckets.Select(b => (Labels: SeriesLabels("http_request_duration_seconds_bucket", ("le", b.Le)), b.PerStep)).ToArray();
        var sum = SeriesLabels("http_request_duration_seconds_sum");
        var count = SeriesLabels("http_request_duration_seconds_count");
        for (var i = 0; i < Points; i++)
        {
            var timestampMs = (endSeconds - (Points - 1 - i) * IntervalSeconds) * 1000;
            foreach (var (labels, perStep) in counters.Concat(buckets)) yield return (labels, timestampMs, i * perStep);
            yield return (sum, timestampMs, i * 6.0);
            yield return (count, timestampMs, i * Buckets[^1].PerStep);
        }
    }

    /// <summary>Sorted by name, as the remote-write specification asks of senders.</summary>
    private static Label[] SeriesLabels(string name, params (string Name, string Value)[] extra) =>
        extra.Append((Name: "__name__", Value: name)).Append((Name: "instance", Value: Instance)).Append((Name: "job", Value: Job))
            .OrderBy(l => l.Name, StringComparer.Ordinal)
            .Select(l => new Label { Name = l.Name, Value = l.Value })
            .ToArray();

    /// <summary>The raw samples of every series, counted from an instant query for a range selector.</summary>
    private async Task<int> SamplesStoredAsync(HttpClient api)
    {
        var query = Uri.EscapeDataString($"{{job=\"{Job}\"}}[10m]");
        var data = await DataAsync(api, $"/api/v1/query?query={query}&time={EndSeconds}");
        return data.GetProperty("result").EnumerateArray().Sum(series => series.GetProperty("values").GetArrayLength());
    }

    private static async Task<int> FamiliesWithMetadataAsync(HttpClient api) =>
        (await DataAsync(api, "/api/v1/metadata")).EnumerateObject().Count();

    private static async Task<JsonElement> DataAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("data").Clone();
    }
}
