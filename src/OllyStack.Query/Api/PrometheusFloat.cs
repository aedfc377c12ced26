using System.Globalization;
using System.Numerics;

namespace OllyStack.Query.Api;

/// <summary>
/// Numbers the way the Prometheus API writes them: sample values as strings in plain decimal notation with the
/// fewest digits that round-trip (Go's <c>'f', -1</c>: 1e21 is "1000000000000000000000"), "+Inf", "-Inf", "NaN";
/// timestamps as seconds with millisecond decimals.
/// </summary>
public static class PrometheusFloat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "+Inf";
        if (double.IsNegativeInfinity(value)) return "-Inf";
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOf('E');
        return exponentAt < 0 ? shortest : ExpandExponent(shortest, exponentAt);
    }

    public static double Seconds(long timestampMs) => timestampMs / 1000.0;

    /// <summary>
    /// Writes <see cref="Format"/>'s text as UTF-8 without allocating, when it fits and needs no exponent expanded
    /// (nearly always); false otherwise.
    /// </summary>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        written = 0;
        if (!double.IsFinite(value)) return false;
        if (!value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture)) return false;
        return destination[..written].IndexOf((byte)'E') < 0;
    }

    /// <summary>
    /// Writes a timestamp as the seconds <see cref="Seconds"/> gives, the digits its shortest round-trip form has:
    /// whole seconds, then up to three decimals without trailing zeros. False for times before 1970.
    /// </summary>
    public static bool TryFormatSeconds(long timestampMs, Span<byte> destination, out int written)
    {
        written = 0;
        if (timestampMs < 0 || !(timestampMs / 1000).TryFormat(destination, out written, default, CultureInfo.InvariantCulture)) return false;
        var millis = (int)(timestampMs % 1000);
        if (millis == 0) return true;
        if (destination.Length < written + 4) return false;
        destination[written++] = (byte)'.';
        destination[written++] = (byte)('0' + millis / 100);
        if (millis % 100 == 0) return true;
        destination[written++] = (byte)('0' + millis / 10 % 10);
        if (millis % 10 == 0) return true;
        destination[written++] = (byte)('0' + millis % 10);
        return true;
    }

    // "-1.2345E-07" -> digits "12345", point after 1 digit, shifted by the exponent.
    private static string ExpandExponent(string text, int exponentAt)
    {
        var negative = text[0] == '-';
        var mantissa = text[(negative ? 1 : 0)..exponentAt];
        var exponent = int.Parse(text[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var pointPosition = (point < 0 ? mantissa.Length : point) + exponent;
        string plain;
        if (pointPosition <= 0) plain = "0." + new string('0', -pointPosition) + digits;
        else if (pointPosition >= digits.Length) plain = BigInteger.Parse(digits, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + new string('0', pointPosition - digits.Length);
        else plain = digits[..pointPosition] + "." + digits[pointPosition..];
        return negative ? "-" + plain : plain;
    }
}
