using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace OllyStack.Benchmarks.Load;

/// <summary>Drives one workload against one server and measures it.</summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(TargetServer server, IngestWorkload workload, int connections, TimeSpan warmup, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = server.PushBase, Timeout = TimeSpan.FromSeconds(60) };
        if (server.Key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Key);
        http.DefaultRequestHeaders.Add("X-Prometheus-Remote-Write-Version", "0.1.0");

        var state = new RunState();
        var workers = Enumerable.Range(0, connections).Select(w => WorkAsync(http, workload, state, w)).ToArray();
        await Task.Delay(warmup);

        var fsyncBefore = await FsyncHistogram.ReadAsync(server, workload.Topic);
        var allocatedBefore = await FsyncHistogram.ReadValueAsync(server, "dotnet_gc_allocated_bytes_total");
        var durationSeries = $"ollystack_ingest_request_duration_seconds_sum{{signal=\"{workload.Signal}\",protocol=\"{workload.Protocol}\"}}";
        var countSeries = $"ollystack_ingest_request_duration_seconds_count{{signal=\"{workload.Signal}\",protocol=\"{workload.Protocol}\"}}";
        var serverSecondsBefore = await FsyncHistogram.ReadValueAsync(server, durationSeries);
        var serverCountBefore = await FsyncHistogram.ReadValueAsync(server, countSeries);
        var cpuBefore = server.CpuSeconds();
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var recordsBefore = Interlocked.Read(ref state.Records);
        var clock = Stopwatch.StartNew();
        state.Measuring = true;
        await Task.Delay(duration);
        state.Measuring = false;
        var elapsed = clock.Elapsed.TotalSeconds;
        var records = Interlocked.Read(ref state.Records) - recordsBefore;
        var cpu = server.CpuSeconds() - cpuBefore;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientCpuBefore;
        var fsync = (await FsyncHistogram.ReadAsync(server, workload.Topic)).Minus(fsyncBefore);
        var allocated = await FsyncHistogram.ReadValueAsync(server, "dotnet_gc_allocated_bytes_total") - allocatedBefore;
        var serverMeanMs = (await FsyncHistogram.ReadValueAsync(server, durationSeries) - serverSecondsBefore)
            / (await FsyncHistogram.ReadValueAsync(server, countSeries) - serverCountBefore) * 1000;
        state.Stop = true;
        await Task.WhenAll(workers);

        var latencies = state.Latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(server.Name, workload.Name, workload.RawBytesPerRecord, connections, elapsed, records, latencies.Length, state.Errors,
            Percentile(latencies, 0.5), Percentile(latencies, 0.99), cpu / elapsed, cpu / records * 1e6, server.PeakResidentBytes(),
            clientCpu / elapsed, fsync, allocated / records, serverMeanMs, state.FirstError);
    }

    private static async Task WorkAsync(HttpClient http, IngestWorkload workload, RunState state, int worker)
    {
        var latencies = new List<double>(100_000);
        lock (state.Latencies) state.Latencies.Add(latencies);
        for (var i = worker * 7919; !state.Stop; i++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.PostAsync(workload.Path, workload.Content(i));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent)
                {
                    Interlocked.Add(ref state.Records, workload.RecordsPerRequest);
                    if (state.Measuring) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref state.Errors);
                    state.FirstError ??= $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                }
            }
            catch (HttpRequestException e)
            {
                Interlocked.Increment(ref state.Errors);
                state.FirstError ??= e.Message;
            }
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private sealed class RunState
    {
        public long Records;
        public long Errors;
        public volatile bool Measuring;
        public volatile bool Stop;
        public string? FirstError;
        public readonly List<List<double>> Latencies = [];
    }
}
