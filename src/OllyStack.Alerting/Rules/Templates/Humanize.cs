using System.Globalization;

namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// Prometheus' humanize template functions, with its outputs: four significant digits (Go's <c>%.4g</c>) and an SI
/// or binary prefix, durations as <c>1d 2h 3m 4s</c>, ratios as percentages, Unix times as Go prints a UTC time.
/// </summary>
internal static class Humanize
{
    private static readonly string[] LargePrefixes = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
    private static readonly string[] SmallPrefixes = ["m", "u", "n", "p", "f", "a", "z", "y"];
    private static readonly string[] BinaryPrefixes = ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"];
    private static readonly double MinUnixMilliseconds = (DateTime.MinValue - DateTime.UnixEpoch).TotalMilliseconds;
    private static readonly double MaxUnixMilliseconds = (DateTime.MaxValue - DateTime.UnixEpoch).TotalMilliseconds - 1000;

    /// <summary>1234567 → "1.235M", 0.0012 → "1.2m".</summary>
    public static string Number(double value)
    {
        if (value == 0 || !double.IsFinite(value)) return Significant(value);
        var (scaled, prefix) = Math.Abs(value) >= 1 ? ScaleDown(value, 1000, LargePrefixes) : ScaleUp(value);
        return Significant(scaled) + prefix;
    }

    /// <summary>1048576 → "1Mi"; values up to 1 in magnitude get no prefix.</summary>
    public static string Binary(double value)
    {
        if (Math.Abs(value) <= 1 || !double.IsFinite(value)) return Significant(value);
        var (scaled, prefix) = ScaleDown(value, 1024, BinaryPrefixes);
        return Significant(scaled) + prefix;
    }

    /// <summary>Seconds: 90061 → "1d 1h 1m 1s", 42.5 → "42.5s", 0.0015 → "1.5ms".</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds)) return Significant(seconds);
        if (seconds == 0) return Significant(seconds) + "s";
        if (Math.Abs(seconds) < 1)
        {
            var (scaled, prefix) = ScaleUp(seconds);
            return Significant(scaled) + prefix + "s";
        }
        var sign = seconds < 0 ? "-" : "";
        var magnitude = Math.Abs(seconds);
        var whole = (long)magnitude;
        var (days, hours, minutes, secs) = (whole / 86400, whole / 3600 % 24, whole / 60 % 60, whole % 60);
        if (days != 0) return Invariant($"{sign}{days}d {hours}h {minutes}m {secs}s");
        if (hours != 0) return Invariant($"{sign}{hours}h {minutes}m {secs}s");
        if (minutes != 0) return Invariant($"{sign}{minutes}m {secs}s");
        return sign + Significant(magnitude) + "s";
    }

    /// <summary>0.1234 → "12.34%".</summary>
    public static string Percentage(double ratio) => Significant(ratio * 100) + "%";

    /// <summary>
    /// Unix seconds as Go prints a UTC time.Time, to the millisecond as Prometheus keeps it:
    /// "2023-11-14 22:13:20.5 +0000 UTC". Times outside years 1-9999 are written as numbers.
    /// </summary>
    public static string Timestamp(double unixSeconds)
    {
        // Through nanoseconds, as Go does, so 1435065584.128 is .128 and not .127 from rounding in the product.
        var nanoseconds = unixSeconds * 1e9;
        var milliseconds = Math.Abs(nanoseconds) < long.MaxValue ? (long)nanoseconds / 1_000_000 : Math.Truncate(unixSeconds * 1000);
        if (!(milliseconds >= MinUnixMilliseconds && milliseconds <= MaxUnixMilliseconds)) return Significant(unixSeconds);
        var time = DateTime.UnixEpoch.AddMilliseconds(milliseconds);
        var fraction = time.ToString("FFF", CultureInfo.InvariantCulture);
        return time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : "") + " +0000 UTC";
    }

    private static string Significant(double value) => GoFloat.FormatG(value, 4);

    private static (double Value, string Prefix) ScaleDown(double value, double step, string[] prefixes)
    {
        var prefix = "";
        foreach (var next in prefixes)
        {
            if (Math.Abs(value) < step) break;
            prefix = next;
            value /= step;
        }
        return (value, prefix);
    }

    private static (double Value, string Prefix) ScaleUp(double value)
    {
        var prefix = "";
        foreach (var next in SmallPrefixes)
        {
            if (Math.Abs(value) >= 1) break;
            prefix = next;
            value *= 1000;
        }
        return (value, prefix);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
