namespace OllyStack.Ingest.Metrics;

/// <summary>The data field an OTLP Metric carries.</summary>
internal enum OtlpMetricKind
{
    None,
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}
