namespace OllyStack.Benchmarks.History;

/// <summary>
/// The panels of a node-exporter dashboard over the fleet's own metric names, and the time ranges Grafana asks them
/// for. Steps are what Grafana picks for a panel about 1,400 px wide: range / width rounded to a round interval, and
/// never below the data source's 15 s scrape interval.
/// </summary>
public static class DashboardQueries
{
    /// <summary>One host the single-host panels look at (exists from 50 hosts up).</summary>
    public const string Host = "node-0042.prod.internal:9100";

    public static readonly IReadOnlyList<(string Name, string Query)> Queries =
    [
        ("CPU busy per host", "sum by (instance) (rate(node_cpu_seconds_total{mode!=\"idle\"}[5m]))"),
        ("fleet load average", "avg(node_load1)"),
        ("request latency p99", "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))"),
        ("memory available share", "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes"),
        ("one host: CPU by mode", $"sum by (mode) (rate(node_cpu_seconds_total{{instance=\"{Host}\"}}[5m]))"),
        ("one host: memory available", $"node_memory_MemAvailable_bytes{{instance=\"{Host}\"}}"),
        ("top 5 hosts by network receive", "topk(5, sum by (instance) (rate(node_network_receive_bytes_total[5m])))"),
        ("disk writes, regex-matched hosts", "sum by (instance) (rate(node_disk_written_bytes_total{instance=~\"node-00[0-4].*\", device=~\"nvme.*\"}[5m]))"),
    ];

    public static readonly IReadOnlyList<(string Name, TimeSpan Range, TimeSpan Step)> Ranges =
    [
        ("1 h", TimeSpan.FromHours(1), TimeSpan.FromSeconds(15)),
        ("24 h", TimeSpan.FromHours(24), TimeSpan.FromMinutes(1)),
    ];
}
