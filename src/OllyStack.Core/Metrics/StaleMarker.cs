namespace OllyStack.Core.Metrics;

/// <summary>
/// Prometheus' staleness marker: a NaN with one exact bit pattern, written as a sample to say a series ended, so
/// queries stop seeing it at once rather than after the lookback. An ordinary NaN is a value; only this one is a marker.
/// </summary>
public static class StaleMarker
{
    public const ulong Bits = 0x7ff0000000000002;

    public static readonly double Value = BitConverter.UInt64BitsToDouble(Bits);

    public static bool Is(double value) => BitConverter.DoubleToUInt64Bits(value) == Bits;
}
