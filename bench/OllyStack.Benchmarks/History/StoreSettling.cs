using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OllyStack.Benchmarks.Load;

namespace OllyStack.Benchmarks.History;

/// <summary>
/// What happens between the last acknowledgement and the measurements: waiting until a store answers queries
/// with the whole history, letting it finish compacting, and measuring its on-disk footprint the way its own layout
/// allows. "Settled" means the measured size has not changed for <see cref="StableFor"/> and nothing reports a merge
/// or compaction in progress.
/// </summary>
public static class StoreSettling
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(2);
    // Longer than two of OllyStack's 30 s flush intervals and Prometheus' one-minute compaction check, so a quiet
    // spell between two flushes or checks is not taken for the end.
    private static readonly TimeSpan StableFor = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Waits until <c>count(up)</c> at the last round's time counts every host: acknowledged is not yet queryable in
    /// every store (OllyStack applies its log to storage asynchronously, VictoriaMetrics buffers for a second).
    /// Returns false if that did not happen within ten minutes.
    /// </summary>
    public static async Task<bool> WaitQueryableAsync(TargetServer server, HistorySpool spool)
    {
        using var client = new PromQueryClient(server);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            if (await client.ScalarAsync("count(up)", spool.EndMs) == spool.Hosts) return true;
            await Task.Delay(PollEvery);
        }
        return false;
    }

    public static Task<DiskFootprint> SettleAsync(TargetServer server, long samples, TextWriter log) => server.Name switch
    {
        "victoria-metrics" => VictoriaMetricsAsync(server, samples, log),
        "prometheus" => PrometheusAsync(server, log),
        _ => OllyStackAsync(server, samples, log),
    };

    /// <summary>OllyStack's metric store under <c>&lt;data&gt;/metrics</c>, or null where the store has no on-disk parts yet.</summary>
    public static string? OllyStackMetricsDir(TargetServer server)
    {
        var dir = Path.Combine(server.DataDir, "metrics");
        return Directory.Exists(dir) ? dir : null;
    }

    public static long DirectoryBytes(string dir)
    {
        // Merges delete files while they are being listed; a listing that trips over one is simply taken again.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
                return new DirectoryInfo(dir).EnumerateFiles("*", options).Sum(f => f.Length);
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static async Task<DiskFootprint> OllyStackAsync(TargetServer server, long samples, TextWriter log)
    {
        if (OllyStackMetricsDir(server) is not { } dir)
        {
            log.WriteLine($"  {server.Name}: no {Path.Combine(server.DataDir, "metrics")} (the store keeps no on-disk parts yet)");
            return new DiskFootprint("<data>/metrics: n/a, not written", null, null, DirectoryBytes(server.DataDir), null, null);
        }
        await StableSizeAsync(() => DirectoryBytes(dir), () => Task.FromResult(false), server.Name, log);
        // As VictoriaMetrics' force_merge: every day partition merged into its final, compact part.
        using var http = new HttpClient { BaseAddress = server.ApiBase, Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Key);
        (await http.PostAsync("/api/v1/admin/metrics/force_merge", null)).EnsureSuccessStatusCode();
        var bytes = DirectoryBytes(dir);
        return new DiskFootprint("<data>/metrics after force_merge / samples sent", bytes, samples, DirectoryBytes(server.DataDir), null, null);
    }

    private static async Task<DiskFootprint> VictoriaMetricsAsync(TargetServer server, long samples, TextWriter log)
    {
        using var http = new HttpClient { BaseAddress = server.ApiBase };
        (await http.GetAsync("/internal/force_flush")).EnsureSuccessStatusCode();
        (await http.GetAsync("/internal/force_merge")).EnsureSuccessStatusCode();
        // force_merge only starts the merges; vm_active_merges says when they are done.
        var bytes = await StableSizeAsync(() => DirectoryBytes(server.DataDir), async () => await ActiveMergesAsync(http) > 0, server.Name, log);
        return new DiskFootprint("data folder after force_flush + force_merge / samples sent", bytes, samples, bytes, null, null);
    }

    private static async Task<DiskFootprint> PrometheusAsync(TargetServer server, TextWriter log)
    {
        var tsdb = Path.Combine(server.DataDir, "tsdb");
        // Prometheus compacts on its own while samples arrive (2 h blocks, then 6 h and 18 h); wait until it stops.
        await StableSizeAsync(() => Blocks(tsdb).Sum(b => b.Bytes), () => Task.FromResult(CompactionInProgress(tsdb)), server.Name, log);
        var blocks = Blocks(tsdb);
        var dataDirBytes = DirectoryBytes(server.DataDir);
        if (blocks.Count > 0)
            return new DiskFootprint($"{blocks.Count} persisted block{(blocks.Count == 1 ? "" : "s")} (wal/, chunks_head/ excluded) / their meta.json numSamples",
                blocks.Sum(b => b.Bytes), blocks.Sum(b => b.Samples), dataDirBytes, null, null);

        // A history shorter than three hours never leaves the head; a snapshot writes the head as one block, which is
        // what the head would be compacted into.
        using var http = new HttpClient { BaseAddress = server.ApiBase };
        using var response = await http.PostAsync("/api/v1/admin/tsdb/snapshot", null);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var name = json.RootElement.GetProperty("data").GetProperty("name").GetString()!;
        var snapshotDir = Path.Combine(tsdb, "snapshots", name);
        var snapshot = Blocks(snapshotDir);
        Directory.Delete(snapshotDir, recursive: true);
        log.WriteLine($"  prometheus: no block persisted yet; measured a snapshot of the head ({snapshot.Count} block)");
        return new DiskFootprint("no persisted block yet: a snapshot of the head as a block / its meta.json numSamples",
            snapshot.Sum(b => b.Bytes), snapshot.Sum(b => b.Samples), dataDirBytes, null, null);
    }

    private static List<(string Dir, long Bytes, long Samples)> Blocks(string dir)
    {
        var blocks = new List<(string, long, long)>();
        if (!Directory.Exists(dir)) return blocks;
        foreach (var block in Directory.EnumerateDirectories(dir))
        {
            var meta = Path.Combine(block, "meta.json");
            if (Path.GetFileName(block).Contains(".tmp", StringComparison.Ordinal) || !File.Exists(meta)) continue;
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(meta));
                blocks.Add((block, DirectoryBytes(block), json.RootElement.GetProperty("stats").GetProperty("numSamples").GetInt64()));
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                // A block being deleted after a compaction replaced it.
            }
        }
        return blocks;
    }

    private static bool CompactionInProgress(string tsdb) =>
        Directory.Exists(tsdb) && Directory.EnumerateDirectories(tsdb).Any(d => Path.GetFileName(d).Contains(".tmp", StringComparison.Ordinal));

    private static async Task<double> ActiveMergesAsync(HttpClient http)
    {
        var total = 0.0;
        foreach (var line in (await http.GetStringAsync("/metrics")).Split('\n'))
            if (line.StartsWith("vm_active_merges", StringComparison.Ordinal))
                total += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        return total;
    }

    private static async Task<long> StableSizeAsync(Func<long> size, Func<Task<bool>> busy, string name, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var last = size();
        var stableSince = Stopwatch.StartNew();
        while (clock.Elapsed < GiveUpAfter)
        {
            await Task.Delay(PollEvery);
            var now = size();
            if (now != last || await busy())
            {
                last = now;
                stableSince.Restart();
            }
            else if (stableSince.Elapsed >= StableFor) return now;
        }
        log.WriteLine($"  {name}: size still changing after {GiveUpAfter.TotalMinutes} min; measured as it was");
        return last;
    }
}
