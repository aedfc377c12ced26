using OllyStack.Ingest.Prometheus;

namespace OllyStack.Benchmarks.Workloads;

/// <summary>
/// A simulated fleet of node-exporter targets scraped every <see cref="IntervalMs"/>: per host, CPU seconds per
/// core and mode (counters), network and disk byte counters with bursty rates, memory and filesystem gauges with
/// realistic noise (whole bytes), load averages with two decimals, a few constants, and a request-duration histogram.
/// Deterministic for a seed, so every store under test receives byte-identical data.
/// </summary>
public sealed class NodeExporterFleet(int hosts, int seed = 1)
{
    public const long IntervalMs = 10_000;
    private const int Cores = 4;
    private static readonly string[] Modes = ["user", "system", "idle", "iowait"];
    private static readonly string[] Devices = ["eth0", "nvme0n1"];
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    /// <summary>Series per host: 16 CPU counters, 4 network/disk counters, 6 gauges, 2 constants, 13 histogram series.</summary>
    public const int SeriesPerHost = Cores * 4 + 4 + 6 + 2 + 13;

    public int Hosts => hosts;

    public long SeriesCount => (long)hosts * SeriesPerHost;

    /// <summary>One scrape of hosts [<paramref name="firstHost"/>, +<paramref name="hostCount"/>) at scrape number <paramref name="scrape"/>.</summary>
    public WriteRequest Scrape(int firstHost, int hostCount, int scrape, long startMs)
    {
        var request = new WriteRequest();
        var timestamp = startMs + scrape * IntervalMs;
        for (var host = firstHost; host < firstHost + hostCount; host++) AddHost(request, host, scrape, timestamp);
        return request;
    }

    private void AddHost(WriteRequest request, int host, int scrape, long timestamp)
    {
        var random = new Random(HashCode.Combine(seed, host, scrape));
        var instance = $"node-{host:D4}.prod.internal:9100";
        var elapsed = scrape * (IntervalMs / 1000.0);
        for (var core = 0; core < Cores; core++)
        {
            for (var m = 0; m < Modes.Length; m++)
            {
                // Counters in seconds with centisecond resolution, as /proc/stat reports them.
                var share = m == 2 ? 0.7 : 0.1;
                var value = Math.Round(elapsed * share * (1 + 0.05 * Math.Sin(host + core + scrape / 30.0)), 2);
                Add(request, timestamp, value, "node_cpu_seconds_total", instance, ("cpu", core.ToString()), ("mode", Modes[m]));
            }
        }
        foreach (var device in Devices)
        {
            var rate = device == "eth0" ? 120_000 : 40_000;
            var bytes = Math.Floor(elapsed * rate * (1 + 0.3 * Noise(host, 7)) + scrape * random.Next(0, 5000));
            Add(request, timestamp, bytes, device == "eth0" ? "node_network_receive_bytes_total" : "node_disk_read_bytes_total", instance, ("device", device));
            Add(request, timestamp, Math.Floor(bytes * 0.6), device == "eth0" ? "node_network_transmit_bytes_total" : "node_disk_written_bytes_total", instance, ("device", device));
        }
        var memoryTotal = 16L * 1024 * 1024 * 1024;
        Add(request, timestamp, memoryTotal, "node_memory_MemTotal_bytes", instance);
        Add(request, timestamp, memoryTotal - 4L * 1024 * 1024 * 1024 - random.Next(0, 64) * 4096L * 1024, "node_memory_MemAvailable_bytes", instance);
        Add(request, timestamp, 200L * 1024 * 1024 * 1024 - scrape * 4096L - random.Next(0, 8) * 4096L, "node_filesystem_avail_bytes", instance, ("mountpoint", "/"));
        Add(request, timestamp, Math.Round(1.5 + Noise(host, scrape) + random.NextDouble() * 0.2, 2), "node_load1", instance);
        Add(request, timestamp, Math.Round(1.4 + Noise(host, scrape / 5), 2), "node_load5", instance);
        Add(request, timestamp, random.Next(180, 260), "node_procs_running", instance);
        Add(request, timestamp, 1, "up", instance);
        Add(request, timestamp, 1, "node_exporter_build_info", instance, ("version", "1.5.0"));
        AddHistogram(request, host, scrape, timestamp, instance, random);
    }

    private static void AddHistogram(WriteRequest request, int host, int scrape, long timestamp, string instance, Random random)
    {
        // Cumulative request counts growing by ~50 per scrape, spread log-normally over the buckets.
        var total = 0.0;
        var sum = 0.0;
        var counts = new double[Buckets.Length];
        for (var s = 0; s <= scrape % 100 + 1; s++)
        {
            for (var i = 0; i < Buckets.Length; i++) counts[i] += Math.Floor(50 * Share(i) * (0.8 + 0.4 * random.NextDouble()));
        }
        var cumulative = 0.0;
        for (var i = 0; i < Buckets.Length; i++)
        {
            cumulative += counts[i] + scrape / 100 * 50 * Share(i);
            Add(request, timestamp, Math.Floor(cumulative), "http_request_duration_seconds_bucket", instance, ("le", Buckets[i].ToString(System.Globalization.CultureInfo.InvariantCulture)));
            total = Math.Floor(cumulative);
            sum += Math.Floor(counts[i]) * Buckets[i] * 0.7;
        }
        Add(request, timestamp, total, "http_request_duration_seconds_bucket", instance, ("le", "+Inf"));
        Add(request, timestamp, Math.Round(sum + host % 7, 3), "http_request_duration_seconds_sum", instance);
        Add(request, timestamp, total, "http_request_duration_seconds_count", instance);
    }

    private static double Share(int bucket) => Math.Exp(-Math.Pow(bucket - 3, 2) / 4) / 3.5;

    private static double Noise(int host, int step) => 0.5 * Math.Sin(host * 0.7 + step * 0.13);

    private static void Add(WriteRequest request, long timestamp, double value, string name, string instance, params (string Name, string Value)[] extra)
    {
        var series = new TimeSeries();
        series.Labels.Add(new Label { Name = "__name__", Value = name });
        foreach (var (labelName, labelValue) in extra.Where(e => string.CompareOrdinal(e.Name, "instance") < 0)) series.Labels.Add(new Label { Name = labelName, Value = labelValue });
        series.Labels.Add(new Label { Name = "instance", Value = instance });
        series.Labels.Add(new Label { Name = "job", Value = "node" });
        foreach (var (labelName, labelValue) in extra.Where(e => string.CompareOrdinal(e.Name, "job") > 0)) series.Labels.Add(new Label { Name = labelName, Value = labelValue });
        series.Samples.Add(new Sample { Timestamp = timestamp, Value = value });
        request.Timeseries.Add(series);
    }
}
