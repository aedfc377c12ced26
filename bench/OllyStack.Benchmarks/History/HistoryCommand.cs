using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using OllyStack.Benchmarks.Load;

namespace OllyStack.Benchmarks.History;

/// <summary>
/// A day of a node-exporter fleet, side by side: the same simulated history (1,000 hosts, 41 series each, a scrape
/// every 10 s, <c>--hours</c> ending now) is sent over remote write to OllyStack, VictoriaMetrics and Prometheus, one
/// after another, each with a fresh data folder, as fast as each acknowledges. Per target: acknowledged samples/s,
/// server CPU per million samples, peak memory, bytes per sample on disk once the store has compacted, and the
/// latency of dashboard queries over the last hour and the last day.
///
/// usage: history [--hours 26] [--target ollystack|victoria-metrics|prometheus|all] [--hosts 1000] [--connections 8]
///                [--repeats 10] [--dump FILE (results as JSON)] [--victoria-metrics PATH] [--prometheus PATH]
/// </summary>
public static class HistoryCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        var hours = double.Parse(options["hours"], CultureInfo.InvariantCulture);
        var hosts = int.Parse(options["hosts"], CultureInfo.InvariantCulture);
        var connections = int.Parse(options["connections"], CultureInfo.InvariantCulture);
        var repeats = int.Parse(options["repeats"], CultureInfo.InvariantCulture);
        var targets = options["target"] == "all" ? ["ollystack", "victoria-metrics", "prometheus"] : new[] { options["target"] };
        if (targets.Any(t => t is not ("ollystack" or "victoria-metrics" or "prometheus")))
            throw new ArgumentException($"unknown target '{options["target"]}': ollystack, victoria-metrics, prometheus, all");
        // Checked before the history is generated: a peer found missing after OllyStack's half hour wastes that half hour.
        foreach (var peer in targets.Where(t => t != "ollystack" && !File.Exists(options[t])))
            throw new ArgumentException($"{peer} not found at {options[peer]}: install it with `sudo apt-get install -y {peer}`, or pass --{peer} PATH");

        Console.WriteLine($"generating {hours} h of {hosts:N0} node-exporter hosts ({FleetHistory.SeriesPerHost} series each, a scrape every 10 s) ...");
        var clock = Stopwatch.StartNew();
        using var spool = HistorySpool.Create(hosts, hours, Console.Out);
        Console.WriteLine($"history: {spool.Samples:N0} samples in {spool.Requests:N0} requests of {spool.SamplesPerRequest:N0}, " +
            $"{FormatTime(spool.StartMs)} to {FormatTime(spool.EndMs)}, {(double)spool.RawBytes / spool.Samples:F0} raw bytes per sample, " +
            $"{(double)spool.CompressedBytes / spool.Samples:F1} snappy, generated in {clock.Elapsed.TotalSeconds:F0} s");

        var results = new List<HistoryResult>();
        var failed = false;
        foreach (var target in targets)
        {
            Console.WriteLine($"{target}: sending the history ...");
            try
            {
                await using var server = target switch
                {
                    "victoria-metrics" => await TargetServer.StartVictoriaMetricsAsync(options["victoria-metrics"], VictoriaMetricsQueryFlags),
                    "prometheus" => await TargetServer.StartPrometheusAsync(options["prometheus"]),
                    _ => await TargetServer.StartOllyStackAsync(TargetServer.OllyStackServerDll(), fsync: true, metricsStorage: true, OllyStackQueryFlags),
                };
                var binary = target == "ollystack" ? null : options[target];
                results.Add(await MeasureAsync(server, await VersionAsync(server, binary), spool, connections, repeats));
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or TimeoutException or JsonException)
            {
                // A day's history takes the better part of an hour per target: one target failing should not cost the others.
                Console.WriteLine($"{target}: failed, going on with the next target: {e}");
                failed = true;
            }
            // Written after every target, so what was measured survives a later target's failure.
            if (options["dump"] != "") await DumpAsync(options["dump"], spool, hours, results);
        }

        Console.WriteLine();
        Console.WriteLine(HistoryReport.IngestAndDisk(results));
        Console.WriteLine(HistoryReport.Queries(results));
        foreach (var r in results) Console.WriteLine($"{r.Target} compacted size: {r.Disk.Method}");
        if (options["dump"] != "") Console.WriteLine($"results written to {options["dump"]}");
        return failed || results.Any(r => r.Ingest.Errors > 0 || !r.Queryable || r.Queries.Any(q => q.Error is not null)) ? 1 : 0;
    }

    // Every query is timed on the engine, not on a cache: VictoriaMetrics and OllyStack would otherwise answer the
    // repeats of a fixed time range from their range result caches, which Prometheus does not have. A latency offset
    // of 0 lets VictoriaMetrics return the newest samples, which the other two return too.
    private static readonly string[] VictoriaMetricsQueryFlags = ["-search.disableCache", "-search.latencyOffset=0s"];
    private static readonly string[] OllyStackQueryFlags = ["--query-cache-bytes", "0"];

    private static async Task DumpAsync(string file, HistorySpool spool, double hours, List<HistoryResult> results)
    {
        var dump = new { spool.Hosts, Hours = hours, spool.Samples, spool.StartMs, spool.EndMs, RawBytesPerSample = (double)spool.RawBytes / spool.Samples, Results = results };
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(dump, new JsonSerializerOptions
        {
            WriteIndented = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // NaN for a query that returned nothing
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file for people: PromQL quotes as they are
        }));
    }

    private static async Task<HistoryResult> MeasureAsync(TargetServer server, string version, HistorySpool spool, int connections, int repeats)
    {
        var ingest = await HistoryReplay.RunAsync(server, spool, connections, Console.Out);
        var peakIngest = server.PeakResidentBytes();
        Console.WriteLine($"  {server.Name}: {ingest.Samples:N0} samples acknowledged in {ingest.Seconds:F1} s = {ingest.SamplesPerSecond:N0}/s, " +
            $"{ingest.CpuSeconds:F1} CPU s, {ingest.Errors} errors, {ingest.Retries} retries{(ingest.FirstError is null ? "" : $", first error: {ingest.FirstError}")}");

        var cpuBefore = server.CpuSeconds();
        var clock = Stopwatch.StartNew();
        var queryable = await StoreSettling.WaitQueryableAsync(server, spool);
        if (!queryable) Console.WriteLine($"  {server.Name}: count(up) at the last round never reached {spool.Hosts}; queries will see less");
        var disk = await StoreSettling.SettleAsync(server, ingest.Samples, Console.Out);
        var settleSeconds = clock.Elapsed.TotalSeconds;
        var settleCpu = server.CpuSeconds() - cpuBefore;
        var peakSettled = server.PeakResidentBytes();
        Console.WriteLine($"  {server.Name}: settled in {settleSeconds:F0} s ({settleCpu:F1} CPU s), compacted " +
            $"{(disk.BytesPerSample is { } b ? $"{b:F3} bytes/sample" : "n/a")}, data folder {disk.DataDirBytes / 1048576.0:F1} MiB, peak RSS {peakSettled / 1048576.0:F0} MiB");

        var queries = await QueryLatencyRunner.RunAsync(server, spool, repeats);
        foreach (var q in queries)
            Console.WriteLine($"  {server.Name}: {q.Name}, {q.Range}: first {q.FirstMs:F1} ms, p50 {q.MedianMs:F1} ms, p90 {q.P90Ms:F1} ms, {q.Series} series, {q.Points:N0} points, peak RSS {q.PeakResidentBytesAfter / 1048576.0:F0} MiB{(q.Error is null ? "" : $", error: {q.Error}")}");
        var peak = server.PeakResidentBytes();

        var stopped = await server.StopGracefullyAsync(TimeSpan.FromMinutes(5));
        if (!stopped) Console.WriteLine($"  {server.Name}: did not stop within 5 min of SIGTERM; killed");
        var metricsAfterStop = server.Name.StartsWith("ollystack", StringComparison.Ordinal) && StoreSettling.OllyStackMetricsDir(server) is { } dir
            ? StoreSettling.DirectoryBytes(dir) : (long?)null;
        disk = disk with { BytesAfterStop = metricsAfterStop, DataDirBytesAfterStop = StoreSettling.DirectoryBytes(server.DataDir) };
        return new HistoryResult(server.Name, version, ingest, queryable, settleSeconds, settleCpu, peakIngest, peakSettled, peak, disk, queries, stopped);
    }

    internal static async Task<string> VersionAsync(TargetServer server, string? binary)
    {
        // OllyStack's buildinfo answers with the Prometheus version it is compatible with (for Grafana); the commit
        // the server was built from says which OllyStack was measured.
        if (binary is null) return await OutputAsync("git", "-C", Path.GetDirectoryName(TargetServer.OllyStackServerDll())!, "rev-parse", "--short", "HEAD");
        using var http = new HttpClient { BaseAddress = server.ApiBase };
        if (server.Key is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", server.Key);
        try
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync("/api/v1/status/buildinfo"));
            if (json.RootElement.GetProperty("data").TryGetProperty("version", out var version) && version.GetString() is { Length: > 0 } text) return text;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException)
        {
        }
        // Debian's VictoriaMetrics build reports an empty version; the package that installed the binary knows it.
        return await DebianPackageVersionAsync(binary);
    }

    private static async Task<string> DebianPackageVersionAsync(string binary)
    {
        var owner = await OutputAsync("dpkg-query", "--search", binary);
        var package = owner.Split(':')[0].Trim();
        return package.Length == 0 ? "" : await OutputAsync("dpkg-query", "--show", "--showformat=${Version}", package);
    }

    private static async Task<string> OutputAsync(string file, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output.Trim() : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ""; // not a Debian system
        }
    }

    private static string FormatTime(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Options(string[] args)
    {
        var defaults = new Dictionary<string, string>
        {
            ["hours"] = "26", ["target"] = "all", ["hosts"] = "1000", ["connections"] = "8", ["repeats"] = "10", ["dump"] = "",
            ["victoria-metrics"] = "/usr/bin/victoria-metrics", ["prometheus"] = "/usr/bin/prometheus",
        };
        return CommandOptions.Parse(args, defaults);
    }
}
