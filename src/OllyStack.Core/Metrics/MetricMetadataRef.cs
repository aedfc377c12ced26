using System.Runtime.InteropServices;
using OllyStack.Core.Batches;

namespace OllyStack.Core.Metrics;

/// <summary>Type, unit and help text of a metric family, as remote write and OTLP carry them.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct MetricMetadataRef(Utf8Ref Family, MetricType Type, Utf8Ref Unit, Utf8Ref Help);
