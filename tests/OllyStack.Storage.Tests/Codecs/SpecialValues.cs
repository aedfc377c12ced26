namespace OllyStack.Storage.Tests.Codecs;

/// <summary>Values whose exact bits must survive: the codecs may not normalise them.</summary>
internal static class SpecialValues
{
    /// <summary>Prometheus marks a series stale with this NaN (value.StaleNaN).</summary>
    public static readonly double StaleMarker = BitConverter.Int64BitsToDouble(0x7ff0000000000002);

    /// <summary>The NaN Prometheus writes for an ordinary NaN sample (value.NormalNaN).</summary>
    public static readonly double PrometheusNaN = BitConverter.Int64BitsToDouble(0x7ff8000000000001);

    public static readonly double NegativeZero = -0.0;

    public static readonly double[] All =
    [
        StaleMarker, PrometheusNaN, double.NaN, -double.NaN, double.PositiveInfinity, double.NegativeInfinity, NegativeZero,
        BitConverter.Int64BitsToDouble(unchecked((long)0xfff0000000000001)),
    ];
}
