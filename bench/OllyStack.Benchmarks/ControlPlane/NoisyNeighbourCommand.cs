using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OllyStack.Benchmarks.Load;

namespace OllyStack.Benchmarks.ControlPlane;

/// <summary>
/// One tenant's ingest latency alone, then while another tenant floods past its event-rate limit, through the real
/// server (fsync on). The quiet tenant sends OTLP/HTTP log requests at a fixed rate, each timed from when it was due,
/// so a request held up also delays those behind it and the wait counts; the noisy one posts the same requests from
/// several connections as fast as they are answered, almost all refused with 429.
///
/// usage: neighbours [--duration 20] [--warmup 3] [--rate 20 (quiet requests per second)] [--flooders 8]
///                   [--noisy-limit 1000 (the noisy tenant's max_events_per_second)]
/// </summary>
public static class NoisyNeighbourCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandOptions.Parse(args, new()
        {
            ["duration"] = "20", ["warmup"] = "3", ["rate"] = "20", ["flooders"] = "8", ["noisy-limit"] = "1000",
        });
        var duration = CommandOptions.Seconds(options["duration"]);
        var warmup = CommandOptions.Seconds(options["warmup"]);
        var rate = double.Parse(options["rate"], CultureInfo.InvariantCulture);
        var workload = IngestWorkload.Create("otlp-logs");

        await using var server = await TargetServer.StartOllyStackAsync(TargetServer.OllyStackServerDll(), fsync: true, metricsStorage: true);
        using var admin = Client(server, server.Key!, 1);
        using var quiet = Client(server, await TenantKeyAsync(admin, "quiet", "{}"), 1);
        using var noisy = Client(server, await TenantKeyAsync(admin, "noisy", $$"""{"max_events_per_second":{{options["noisy-limit"]}}}"""), CommandOptions.Int(options["flooders"]));
        Console.WriteLine($"quiet: {rate} requests/s of {workload.RecordsPerRequest} log records; noisy: {options["flooders"]} connections flooding past {options["noisy-limit"]} events/s");

        await PaceAsync(quiet, workload, rate, warmup);
        var alone = await MeasureAsync(server, quiet, workload, rate, duration, flood: null);
        var flooded = await MeasureAsync(server, quiet, workload, rate, duration, flood: (noisy, CommandOptions.Int(options["flooders"])));

        Console.WriteLine();
        Console.WriteLine(NeighbourPhase.MarkdownHeader);
        Console.WriteLine(alone.ToMarkdownRow("quiet alone"));
        Console.WriteLine(flooded.ToMarkdownRow("quiet while noisy floods"));
        return alone.QuietFailures + flooded.QuietFailures > 0 ? 1 : 0;
    }

    private static async Task<NeighbourPhase> MeasureAsync(
        TargetServer server, HttpClient quiet, IngestWorkload workload, double rate, TimeSpan duration, (HttpClient Client, int Connections)? flood)
    {
        using var stop = new CancellationTokenSource();
        var answers = new FloodAnswers();
        var flooders = flood is { } f
            ? Enumerable.Range(0, f.Connections).Select(w => FloodAsync(f.Client, workload, w, answers, stop.Token)).ToArray()
            : [];
        var cpuBefore = server.CpuSeconds();
        var clock = Stopwatch.StartNew();
        var (latencies, failures) = await PaceAsync(quiet, workload, rate, duration);
        var elapsed = clock.Elapsed.TotalSeconds;
        var cores = (server.CpuSeconds() - cpuBefore) / elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(flooders);
        return new NeighbourPhase(latencies, failures, answers.Accepted / elapsed, answers.Refused / elapsed, answers.Other, cores);
    }

    /// <summary>Sends one request every 1/<paramref name="rate"/> s, each timed from when it was due.</summary>
    private static async Task<(Latencies Latencies, int Failures)> PaceAsync(HttpClient client, IngestWorkload workload, double rate, TimeSpan duration)
    {
        var latencies = new Latencies();
        var failures = 0;
        var start = Stopwatch.GetTimestamp();
        var interval = TimeSpan.FromSeconds(1 / rate);
        for (var i = 0; interval * i < duration; i++)
        {
            var due = start + (long)((interval * i).TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            using var response = await client.PostAsync(workload.Path, workload.Content(i));
            latencies.Add(Stopwatch.GetElapsedTime(due));
            if (response.StatusCode != HttpStatusCode.OK) failures++;
        }
        return (latencies, failures);
    }

    private static async Task FloodAsync(HttpClient client, IngestWorkload workload, int worker, FloodAnswers answers, CancellationToken stop)
    {
        for (var i = worker * 7919; !stop.IsCancellationRequested; i++)
        {
            try
            {
                using var response = await client.PostAsync(workload.Path, workload.Content(i), stop);
                answers.Count(response.StatusCode);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static async Task<string> TenantKeyAsync(HttpClient admin, string tenant, string limits)
    {
        using var created = await admin.PostAsync("/api/v1/admin/tenants",
            new StringContent($$"""{"name":"{{tenant}}","plan":"enterprise","limits":{{limits}}}""", System.Text.Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        using var key = await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenant}/keys", new { name = "bench", scopes = new[] { "ingest" } });
        key.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await key.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("key").GetString()!;
    }

    /// <summary>A client of the server's push port (the API port for the admin key) with this key and its own connections.</summary>
    private static HttpClient Client(TargetServer server, string key, int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = key == server.Key ? server.ApiBase : server.PushBase, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
