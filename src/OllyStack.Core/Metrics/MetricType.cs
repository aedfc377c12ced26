namespace OllyStack.Core.Metrics;

/// <summary>The Prometheus metric types (the numbers are those of remote write's MetricMetadata).</summary>
public enum MetricType : byte
{
    Unknown = 0,
    Counter = 1,
    Gauge = 2,
    Histogram = 3,
    GaugeHistogram = 4,
    Summary = 5,
    Info = 6,
    StateSet = 7,
}
