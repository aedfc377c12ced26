using System.Runtime.InteropServices;

namespace OllyStack.Core.Metrics;

/// <summary>A series of a metric batch: its labels (sorted by name, <c>__name__</c> among them) and its type.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct SeriesRef(int FirstLabel, int LabelCount, MetricType Type, SeriesFlags Flags);
