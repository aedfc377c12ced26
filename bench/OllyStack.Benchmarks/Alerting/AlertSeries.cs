using System.Globalization;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// The alerting workload's series: <see cref="Metrics"/> gauges (<c>bench_load_0</c> ..) times <see cref="Instances"/>
/// instances (<c>host-0</c> ..), each with <c>job="bench"</c>; one rule per metric. A series' index is
/// metric * Instances + instance, so a request of consecutive series carries whole metrics.
/// </summary>
public sealed class AlertSeries
{
    public AlertSeries(int metrics, int instances, int seriesPerRequest)
    {
        if (metrics * instances % seriesPerRequest != 0)
            throw new ArgumentException($"{metrics * instances} series do not split into requests of {seriesPerRequest}");
        Metrics = metrics;
        Instances = instances;
        SeriesPerRequest = seriesPerRequest;
    }

    public int Metrics { get; }

    public int Instances { get; }

    public int Count => Metrics * Instances;

    public int SeriesPerRequest { get; }

    /// <summary>The requests one round of every series takes; each has its own fixed slice of the series.</summary>
    public int Shards => Count / SeriesPerRequest;

    public const string Job = "bench";

    public static string MetricName(int metric) => "bench_load_" + metric.ToString(CultureInfo.InvariantCulture);

    public static string InstanceName(int instance) => "host-" + instance.ToString(CultureInfo.InvariantCulture);

    public static string AlertName(int metric) => "BenchLoad" + metric.ToString(CultureInfo.InvariantCulture);

    public int Metric(int series) => series / Instances;

    public int Instance(int series) => series % Instances;

    public int Shard(int series) => series / SeriesPerRequest;
}
