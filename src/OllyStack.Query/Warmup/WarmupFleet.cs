using OllyStack.Core.Metrics;

namespace OllyStack.Query.Warmup;

/// <summary>
/// A small synthetic node-exporter fleet for the query warm-up, scraped every 15 s: per host, CPU counters by mode,
/// memory gauges, a load average, a network byte counter, a request-duration histogram and <c>up</c>. Values have the
/// shapes real exporters give them (centisecond CPU counters, whole memory pages, two-decimal load, whole bytes, a
/// full-precision histogram sum, a constant), so the store picks the block encodings it picks for real data and each
/// decoder gets warmed. Every value is a function of host, series and scrape, so any span of scrapes can be
/// generated on its own.
/// </summary>
internal static class WarmupFleet
{
    public const int Hosts = 12;
    public const long ScrapeMs = 15_000;

    private static readonly string[] Modes = ["idle", "user", "system", "iowait"];
    private static readonly string[] Buckets = ["0.05", "0.1", "0.25", "0.5", "1", "+Inf"];
    private static readonly double[] BucketShares = [0.35, 0.6, 0.85, 0.95, 0.99, 1];

    public static string Instance(int host) => $"warmup-{host:D2}:9100";

    /// <summary>Every host's scrapes with <paramref name="fromMs"/> &lt;= t &lt; <paramref name="toMs"/> (t a multiple of the scrape interval).</summary>
    public static MetricBatch Scrapes(long fromMs, long toMs)
    {
        var batch = new MetricBatch { Tenant = QueryWarmup.Tenant };
        var first = (fromMs + ScrapeMs - 1) / ScrapeMs;
        var last = (toMs - 1) / ScrapeMs;
        for (var host = 0; host < Hosts; host++)
        {
            for (var m = 0; m < Modes.Length; m++)
                Add(batch, host, "node_cpu_seconds_total", MetricType.Counter, ("mode", Modes[m]), first, last, k => CpuSeconds(host, m, k));
            Add(batch, host, "node_memory_MemAvailable_bytes", MetricType.Gauge, null, first, last, k => MemoryAvailable(host, k));
            Add(batch, host, "node_memory_MemTotal_bytes", MetricType.Gauge, null, first, last, _ => MemoryTotal(host));
            Add(batch, host, "node_load1", MetricType.Gauge, null, first, last, k => Load(host, k));
            Add(batch, host, "node_network_receive_bytes_total", MetricType.Counter, ("device", "eth0"), first, last, k => Math.Floor(ReceiveBytes(host, k)));
            for (var b = 0; b < Buckets.Length; b++)
                Add(batch, host, "http_request_duration_seconds_bucket", MetricType.Histogram, ("le", Buckets[b]), first, last, k => Math.Floor(Requests(host, k) * BucketShares[b]));
            Add(batch, host, "http_request_duration_seconds_sum", MetricType.Histogram, null, first, last, k => LatencySum(host, k));
            Add(batch, host, "http_request_duration_seconds_count", MetricType.Histogram, null, first, last, k => Math.Floor(Requests(host, k)));
            Add(batch, host, "up", MetricType.Gauge, null, first, last, _ => 1);
        }
        return batch;
    }

    private static void Add(MetricBatch batch, int host, string name, MetricType type, (string Name, string Value)? extra, long first, long last, Func<long, double> value)
    {
        var labels = batch.Labels.Count;
        batch.AddLabel(batch.Strings.Intern("__name__"), batch.Strings.Intern(name));
        batch.AddLabel(batch.Strings.Intern("instance"), batch.Strings.Intern(Instance(host)));
        batch.AddLabel(batch.Strings.Intern("job"), batch.Strings.Intern("node"));
        if (extra is var (label, text)) batch.AddLabel(batch.Strings.Intern(label), batch.Strings.Intern(text));
        var series = batch.EndSeries(labels, type);
        for (var k = first; k <= last; k++) batch.AddSample(series, k * ScrapeMs, value(k));
    }

    // Counters grow by a steady rate plus a wave slower than the rate, so they never fall back.
    private static double CpuSeconds(int host, int mode, long k)
    {
        var rate = mode == 0 ? 12 : 0.5 + (host + mode) % 5;
        return Math.Round(rate * k + 0.4 * rate * Math.Sin(k / 40.0 + host), 2);
    }

    private static double MemoryAvailable(int host, long k) =>
        4096 * Math.Floor(1_000_000 + 50_000 * Math.Sin(k / 200.0 + host) + 2_000 * Noise(host, 1, k));

    private static double MemoryTotal(int host) => 4096.0 * (2_000_000 + 250_000 * (host % 3));

    private static double Load(int host, long k) => Math.Round(1 + host % 4 + Math.Sin(k / 30.0) + 0.5 * Noise(host, 2, k), 2);

    private static double ReceiveBytes(int host, long k) => (40_000 + 5_000 * host) * 15.0 * k + 100_000 * Math.Sin(k / 25.0);

    private static double Requests(int host, long k) => (20 + host) * 15.0 * k + 40 * Math.Sin(k / 50.0);

    private static double LatencySum(int host, long k) => Requests(host, k) * 0.12 + 0.9 * Math.Sin(k / 35.0 + host) * Math.PI;

    /// <summary>A hash of host, series and scrape, evenly spread over [0, 1).</summary>
    private static double Noise(int host, int series, long k)
    {
        var x = (ulong)k * 0x9E3779B97F4A7C15UL ^ (ulong)host << 40 ^ (ulong)series << 56;
        x = (x ^ x >> 30) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ x >> 27) * 0x94D049BB133111EBUL;
        return (x ^ x >> 31) / 18446744073709551616.0;
    }
}
