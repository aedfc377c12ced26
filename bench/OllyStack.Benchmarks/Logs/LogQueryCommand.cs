using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using OllyStack.Benchmarks.Load;
using OllyStack.Benchmarks.Workloads;
using OllyStack.Testing;

namespace OllyStack.Benchmarks.Logs;

/// <summary>
/// `logquery [--loghub DIR] [--repeat 50] [--repeats 100]`: starts the real server (fresh data folder, default settings),
/// pushes the last hour of LogHub (<see cref="LoghubPushes"/>: every system's raw lines repeated N times) over Loki
/// push, waits until every line is queryable and the log heads are flushed to parts, then times each of
/// <see cref="GrafanaLogQuery.LoghubQueries"/> over that hour through the Loki HTTP API: one cold run, then p50 and p99
/// of the repeats, one request at a time.
/// </summary>
public static class LogQueryCommand
{
    private static readonly TimeSpan Span = TimeSpan.FromHours(1);
    private static readonly TimeSpan MetricStep = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PatternStep = TimeSpan.FromSeconds(60);

    /// <summary>Longer than the server's 30 s log flush interval: a folder unchanged this long has nothing left in the heads.</summary>
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(40);

    public static async Task<int> RunAsync(string[] args)
    {
        var loghub = LoghubRawLog.DefaultDirectory();
        var (repeat, repeats) = (50, 100);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--loghub") loghub = args[i + 1];
            else if (args[i] == "--repeat") repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            else if (args[i] == "--repeats") repeats = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            else throw new ArgumentException($"unknown option {args[i]}: --loghub, --repeat, --repeats");
        }
        var logs = LoghubSystem.Names.Select(name => LoghubRawLog.Read(loghub, name)).ToList();
        var end = DateTimeOffset.UtcNow.ToUnixTimeSeconds() * 1_000_000_000;
        var start = end - Span.Ticks * TimeSpan.NanosecondsPerTick;

        await using var server = await TargetServer.StartOllyStackAsync(TargetServer.OllyStackServerDll(), fsync: true, metricsStorage: true);
        var lines = await PushAsync(server, LoghubPushes.Requests(logs, repeat, start, Span, TimeSpan.FromSeconds(10)));
        using var client = new LokiQueryClient(server);
        await WaitQueryableAsync(client, lines, end);
        await WaitSettledAsync(Path.Combine(server.DataDir, "logs"));
        var parts = Directory.GetFiles(Path.Combine(server.DataDir, "logs"), "*.logpart", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stored: {parts.Count} log parts, {parts.Sum() / (1024.0 * 1024):F1} MiB, {(double)parts.Sum() / lines:F1} B/line"));
        Console.WriteLine();

        Console.WriteLine($"| query (1 h, {lines:N0} lines) | returned | first ms | p50 / p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        var failed = false;
        foreach (var query in GrafanaLogQuery.LoghubQueries)
        {
            var first = await RunAsync(client, query, start, end);
            var latencies = new Latencies();
            for (var i = 0; i < repeats && first.Error is null; i++) latencies.Add((await RunAsync(client, query, start, end)).Elapsed);
            failed |= first.Error is not null;
            var returned = first.Error ?? query.Kind switch
            {
                GrafanaLogQuery.Kinds.Logs => $"{first.Points:N0} lines",
                GrafanaLogQuery.Kinds.Metric => $"{first.Series:N0} series",
                _ => $"{first.Series:N0} patterns",
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {query.Name}: `{query.Query.Replace("|", "\\|", StringComparison.Ordinal)}` | {returned} | {first.Elapsed.TotalMilliseconds:F1} | {latencies.Summary()} |"));
        }
        return failed ? 1 : 0;
    }

    private static Task<LokiAnswer> RunAsync(LokiQueryClient client, GrafanaLogQuery query, long start, long end) => query.Kind switch
    {
        GrafanaLogQuery.Kinds.Logs => client.LogsAsync(query.Query, start, end, limit: 100),
        GrafanaLogQuery.Kinds.Metric => client.MetricAsync(query.Query, start, end, MetricStep),
        _ => client.PatternsAsync(query.Query, start, end, PatternStep),
    };

    /// <summary>Posts the requests one after another, as one shipper does; returns the lines acknowledged.</summary>
    private static async Task<long> PushAsync(TargetServer server, IEnumerable<(byte[] Body, int Lines)> requests)
    {
        using var http = new HttpClient { BaseAddress = server.PushBase };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Key);
        var (lines, bytes, count) = (0L, 0L, 0);
        var clock = Stopwatch.StartNew();
        foreach (var (body, entries) in requests)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            using var response = await http.PostAsync("/loki/api/v1/push", content);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"push answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            (lines, bytes, count) = (lines + entries, bytes + body.Length, count + 1);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pushed {lines:N0} lines in {count:N0} snappy protobuf requests ({bytes / (1024.0 * 1024):F1} MiB) in {clock.Elapsed.TotalSeconds:F1} s"));
        return lines;
    }

    /// <summary>Until a count over the whole hour sees every line (the server applies its log to the store asynchronously).</summary>
    private static async Task WaitQueryableAsync(LokiQueryClient client, long lines, long end)
    {
        var query = $"sum(count_over_time({{job=\"{LoghubPushStreams.Job}\"}}[{(int)Span.TotalMinutes + 1}m]))";
        var clock = Stopwatch.StartNew();
        while ((await client.InstantAsync(query, end)).FirstValue != lines)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"not every line was queryable after 5 minutes: {query}");
            await Task.Delay(1000);
        }
    }

    /// <summary>Until the log folder's files have not changed for <see cref="Settled"/>.</summary>
    private static async Task WaitSettledAsync(string folder)
    {
        // Enumerated entries carry their length, so a file a merge deletes meanwhile cannot fail the look.
        string Snapshot() => string.Join(';', new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories)
            .Select(f => $"{f.FullName}:{f.Length}").Order(StringComparer.Ordinal));
        var (last, since) = (Snapshot(), Stopwatch.StartNew());
        while (since.Elapsed < Settled)
        {
            await Task.Delay(1000);
            var now = Snapshot();
            if (now != last) (last, since) = (now, Stopwatch.StartNew());
        }
    }
}
