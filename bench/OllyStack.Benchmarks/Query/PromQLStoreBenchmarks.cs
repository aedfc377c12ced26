using System.Globalization;
using BenchmarkDotNet.Attributes;
using OllyStack.Core.Metrics;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Metrics;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;
using StorageMatchType = OllyStack.Storage.Index.LabelMatchType;

namespace OllyStack.Benchmarks.Query;

/// <summary>
/// A dashboard panel over the real store: 1,000 hosts × 2 CPUs × 8 modes of node_cpu_seconds_total (16,000 series)
/// every 10 s for 65 minutes, appended to a tenant's head, flushed every 30 s of data and merged as the server does,
/// so the query reads flushed and merged parts. <see cref="SelectNonIdle"/> is the storage read alone (14,000 series,
/// 5.5 M samples); <see cref="CpuBusyPerHostOneHourAt15s"/> the whole range query on top of it.
/// </summary>
[MemoryDiagnoser]
public class PromQLStoreBenchmarks
{
    private const int Hosts = 1_000;
    private const long IntervalMs = 10_000;
    private static readonly string[] Modes = ["idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"];

    private string directory = "";
    private TenantMetrics tenant = null!;
    private ISeriesSource source = null!;
    private PromQLEngine engine = null!;
    private Expr cpuBusyPerHost = null!;
    private long endMs;

    [GlobalSetup]
    public void Setup()
    {
        directory = Directory.CreateTempSubdirectory("ollystack-store-bench-").FullName;
        tenant = TenantMetrics.Open(directory, "bench", new MetricsStoreOptions { Directory = directory });
        endMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / IntervalMs * IntervalMs;
        Load(endMs - 65 * 60_000, endMs);
        source = new MetricsStoreSeriesSource(tenant);
        engine = new PromQLEngine(source);
        cpuBusyPerHost = PromQLParser.Parse("sum by (instance) (rate(node_cpu_seconds_total{mode!=\"idle\"}[5m]))");
        Console.WriteLine($"// {tenant.Parts.Current.Count} parts (levels {string.Join(",", tenant.Parts.Current.Select(p => p.Header.Level))}), " +
                          $"{tenant.Parts.Current.Sum(p => p.Length) / (double)tenant.Parts.Current.Sum(p => p.Header.SampleCount):F3} bytes/sample");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        tenant.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark]
    public int SelectNonIdle() => source.Select(
        [new StorageMatcher(StorageMatchType.Equal, "__name__", "node_cpu_seconds_total"), new StorageMatcher(StorageMatchType.NotEqual, "mode", "idle")],
        endMs - 65 * 60_000, endMs).Count;

    [Benchmark]
    public MatrixValue CpuBusyPerHostOneHourAt15s() => engine.EvaluateRange(cpuBusyPerHost, endMs - 3_600_000, endMs, 15_000);

    private void Load(long startMs, long endMs)
    {
        var random = new Random(1);
        var counters = new double[Hosts * 2 * Modes.Length];
        for (var t = startMs; t <= endMs; t += IntervalMs)
        {
            for (var first = 0; first < Hosts; first += 50)
            {
                using var batch = new MetricBatch { Tenant = "bench" };
                for (var host = first; host < first + 50; host++)
                for (var cpu = 0; cpu < 2; cpu++)
                for (var mode = 0; mode < Modes.Length; mode++)
                {
                    var labels = batch.Labels.Count;
                    batch.AddLabel(batch.Strings.Intern("__name__"), batch.Strings.Intern("node_cpu_seconds_total"));
                    batch.AddLabel(batch.Strings.Intern("cpu"), batch.Strings.Intern(cpu.ToString(CultureInfo.InvariantCulture)));
                    batch.AddLabel(batch.Strings.Intern("instance"), batch.Strings.Intern($"host-{host:D4}:9100"));
                    batch.AddLabel(batch.Strings.Intern("job"), batch.Strings.Intern("node"));
                    batch.AddLabel(batch.Strings.Intern("mode"), batch.Strings.Intern(Modes[mode]));
                    var series = batch.EndSeries(labels, MetricType.Counter);
                    var index = (host * 2 + cpu) * Modes.Length + mode;
                    counters[index] = Math.Round(counters[index] + random.Next(0, 1000) / 100.0, 2);
                    batch.AddSample(series, t, counters[index]);
                }
                tenant.Head.Append(batch);
            }
            if ((t - startMs) % 30_000 == 0) tenant.Flush();
            if ((t - startMs) % 300_000 == 0) tenant.Maintain(CancellationToken.None);
        }
        tenant.Flush();
        tenant.Maintain(CancellationToken.None);
    }
}
