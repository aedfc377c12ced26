using OllyStack.Ingest.Prometheus;

namespace OllyStack.Benchmarks.Workloads;

/// <summary>
/// Remote-write requests shaped like a Prometheus server's: one sample per series per request, every sample
/// carrying its full label set (node-exporter-like names, Kubernetes target labels), about 270 raw protobuf bytes
/// per sample.
/// </summary>
public static class PrometheusStyleSeries
{
    private static readonly string[] Metrics =
    [
        "node_network_receive_bytes_total", "node_network_transmit_bytes_total", "node_cpu_seconds_total",
        "node_memory_MemAvailable_bytes", "node_filesystem_avail_bytes", "node_disk_read_bytes_total",
        "node_disk_written_bytes_total", "node_load1", "container_cpu_usage_seconds_total", "container_memory_working_set_bytes",
    ];

    private static readonly string[] Devices = ["eth0", "eth1", "lo", "nvme0n1", "nvme1n1", "sda", "cpu0", "cpu1"];

    /// <summary>A WriteRequest with <paramref name="count"/> series starting at <paramref name="firstSeries"/>, one sample each.</summary>
    public static WriteRequest Request(int firstSeries, int count, long timestampMs)
    {
        var request = new WriteRequest();
        for (var i = firstSeries; i < firstSeries + count; i++)
        {
            var series = new TimeSeries();
            var host = i / 80;
            series.Labels.Add(Label("__name__", Metrics[i % Metrics.Length]));
            series.Labels.Add(Label("cluster", "prod-eu-west-1"));
            series.Labels.Add(Label("container", "node-exporter"));
            series.Labels.Add(Label("device", Devices[i / Metrics.Length % Devices.Length]));
            series.Labels.Add(Label("instance", $"10.{host / 250 % 250}.{host % 250}.{host % 7 + 10}:9100"));
            series.Labels.Add(Label("job", "node-exporter"));
            series.Labels.Add(Label("namespace", "monitoring"));
            series.Labels.Add(Label("pod", $"node-exporter-{host * 7919 % 100_000:x5}"));
            series.Labels.Add(Label("service", "prometheus-node-exporter"));
            series.Samples.Add(new Sample { Timestamp = timestampMs, Value = i * 1.5 + timestampMs % 1000 });
            request.Timeseries.Add(series);
        }
        return request;
    }

    private static Label Label(string name, string value) => new() { Name = name, Value = value };
}
