using OllyStack.Core.Metrics;

namespace OllyStack.Storage.Metrics;

/// <summary>Type, unit and help of a metric family, as the Prometheus metadata API reports them.</summary>
public sealed record MetricMetadata(MetricType Type, string Unit, string Help);
