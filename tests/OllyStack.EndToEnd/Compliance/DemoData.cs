using OllyStack.Ingest.Prometheus;

namespace OllyStack.EndToEnd.Compliance;

/// <summary>
/// Deterministic stand-in for the demo.promlabs.com targets the compliance queries were written against: the
/// same metric names and labels (three instances of job "demo"), one sample per series every 15 s.
/// Counters grow with occasional resets, gauges wander, histogram buckets are cumulative, and one metric is
/// present only in alternate 5-minute blocks, so every query family has something to bite on.
/// </summary>
internal static class DemoData
{
    public const int IntervalMs = 15_000;

    private static readonly string[] Instances = ["demo.promlabs.com:10000", "demo.promlabs.com:10001", "demo.promlabs.com:10002"];
    private static readonly string[] MemoryTypes = ["buffers", "cached", "free", "used"];
    private static readonly string[] CpuModes = ["idle", "system", "user"];
    private static readonly string[] Paths = ["/api/bar", "/api/foo"];
    private static readonly string[] Methods = ["GET", "POST"];
    private static readonly string[] Statuses = ["200", "500"];
    private static readonly string[] Buckets = ["0.0002", "0.0004", "0.0008", "0.0016", "0.0032", "0.0064", "0.0128", "0.0256", "0.0512", "0.1024", "+Inf"];

    /// <summary>A series and its samples, oldest first.</summary>
    public sealed record Series(Label[] Labels, (long TimestampMs, double Value)[] Samples);

    /// <summary>
    /// The series with <paramref name="points"/> samples 15 s apart, the last exactly at <paramref name="endMs"/>. The
    /// intermittent metric comes and goes in 5-minute blocks counted back from the end; with 241 points it is there at
    /// both ends, so a count at the first and at the last timestamp sees every series.
    /// </summary>
    public static List<Series> Generate(long endMs, int points)
    {
        var random = new Random(20_260_601);
        var times = Enumerable.Range(0, points).Select(i => endMs - (long)(points - 1 - i) * IntervalMs).ToArray();
        var series = new List<Series>();
        void Add(double[] values, params string[] nameAndPairs)
        {
            var labels = new List<Label> { new() { Name = "__name__", Value = nameAndPairs[0] } };
            for (var i = 1; i < nameAndPairs.Length; i += 2) labels.Add(new Label { Name = nameAndPairs[i], Value = nameAndPairs[i + 1] });
            series.Add(new Series([.. labels], times.Select((t, i) => (t, values[i])).Where(s => !double.IsNaN(s.Item2)).ToArray()));
        }

        for (var n = 0; n < Instances.Length; n++)
        {
            var instance = Instances[n];
            var cpus = 4 + 2 * n;
            Add(times.Select(_ => (double)cpus).ToArray(), "demo_num_cpus", "instance", instance, "job", "demo");

            foreach (var type in MemoryTypes)
            {
                var level = 1e9 * (1 + random.Next(8));
                Add(Walk(random, points, level, level * 0.01), "demo_memory_usage_bytes", "instance", instance, "job", "demo", "type", type);
            }

            foreach (var mode in CpuModes)
            {
                // One instance restarts half-way through, so resets() and the rate functions see a counter reset.
                var resetAt = n == 1 ? points / 2 : -1;
                Add(Counter(random, points, cpus * (mode == "idle" ? 12.0 : 1.5), resetAt), "demo_cpu_usage_seconds_total", "instance", instance, "job", "demo", "mode", mode);
            }

            var disk = 2e10 * (n + 1);
            Add(Enumerable.Range(0, points).Select(i => disk + i * 1e5 * (n + 1) + random.Next(1000) * 1e3).ToArray(),
                "demo_disk_usage_bytes", "instance", instance, "job", "demo");

            // The batch job succeeds every 5 minutes; the gauge holds the time of its last success.
            Add(times.Select(t => (double)(t / 300_000 * 300)).ToArray(), "demo_batch_last_success_timestamp_seconds", "instance", instance, "job", "demo");

            Add(Enumerable.Range(0, points).Select(i => (points - 1 - i) / 20 % 2 == 0 ? random.Next(100) : double.NaN).ToArray(),
                "demo_intermittent_metric", "instance", instance, "job", "demo");

            foreach (var path in Paths)
                foreach (var method in Methods)
                    foreach (var status in Statuses)
                        AddHistogram(Add, random, points, instance, path, method, status);
        }
        return series;
    }

    /// <summary>The samples of all series ordered by time, as a receiver that rejects out-of-order samples needs them.</summary>
    public static IEnumerable<(Label[] Labels, long TimestampMs, double Value)> InTimeOrder(List<Series> series) =>
        series.SelectMany(s => s.Samples.Select(p => (s.Labels, p.TimestampMs, p.Value))).OrderBy(p => p.TimestampMs);

    private static void AddHistogram(Action<double[], string[]> add, Random random, int points, string instance, string path, string method, string status)
    {
        var counts = new double[Buckets.Length][];
        for (var b = 0; b < Buckets.Length; b++) counts[b] = new double[points];
        var sum = new double[points];
        var cumulative = new double[Buckets.Length];
        var total = 0.0;
        for (var i = 0; i < points; i++)
        {
            var requests = random.Next(status == "500" ? 5 : 50);
            for (var r = 0; r < requests; r++)
            {
                var latency = 0.0001 * Math.Exp(random.NextDouble() * 7);
                total += latency;
                for (var b = 0; b < Buckets.Length; b++)
                    if (b == Buckets.Length - 1 || latency <= double.Parse(Buckets[b], System.Globalization.CultureInfo.InvariantCulture)) cumulative[b]++;
            }
            for (var b = 0; b < Buckets.Length; b++) counts[b][i] = cumulative[b];
            sum[i] = total;
        }
        string[] Labels(string name, params string[] extra) =>
            [name, "instance", instance, "job", "demo", "method", method, "path", path, "status", status, .. extra];
        for (var b = 0; b < Buckets.Length; b++) add(counts[b], Labels("demo_api_request_duration_seconds_bucket", "le", Buckets[b]));
        add(sum, Labels("demo_api_request_duration_seconds_sum"));
        add(counts[^1], Labels("demo_api_request_duration_seconds_count"));
    }

    private static double[] Walk(Random random, int points, double start, double step)
    {
        var values = new double[points];
        var value = start;
        for (var i = 0; i < points; i++) values[i] = value += (random.NextDouble() - 0.5) * step;
        return values;
    }

    private static double[] Counter(Random random, int points, double perInterval, int resetAt)
    {
        var values = new double[points];
        var value = random.NextDouble() * 1000;
        for (var i = 0; i < points; i++)
        {
            value = i == resetAt ? 0 : value + perInterval * (0.5 + random.NextDouble());
            values[i] = value;
        }
        return values;
    }
}
