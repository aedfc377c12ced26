using System.Text;

namespace OllyStack.Ingest.Metrics;

/// <summary>
/// The OpenTelemetry-to-Prometheus naming rules: metric and label names sanitised to the Prometheus
/// character set, the unit appended as a word (<c>s</c> -> <c>_seconds</c>, <c>By/s</c> ->
/// <c>_bytes_per_second</c>), <c>_ratio</c> for dimensionless gauges and <c>_total</c> for monotonic sums.
/// </summary>
internal static class PrometheusNames
{
    public const int MaxNameLength = 512;

    // SanitizeMetricName stops this far short of the end of its destination, leaving room for "_" + unit words,
    // "_total", and the "_bucket" (longest of the suffixes) that PrometheusSeriesWriter appends after the family.
    private const int SuffixRoom = 64;
    private const int MaxUnitWordsLength = SuffixRoom - 1 - 6 - 7;

    private static readonly Dictionary<string, string> UnitWords = new(StringComparer.Ordinal)
    {
        ["d"] = "days", ["h"] = "hours", ["min"] = "minutes", ["s"] = "seconds", ["ms"] = "milliseconds",
        ["us"] = "microseconds", ["ns"] = "nanoseconds", ["By"] = "bytes", ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes", ["GiBy"] = "gibibytes", ["TiBy"] = "tibibytes", ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes", ["GBy"] = "gigabytes", ["TBy"] = "terabytes", ["B"] = "bytes", ["KB"] = "kilobytes",
        ["MB"] = "megabytes", ["GB"] = "gigabytes", ["TB"] = "terabytes", ["m"] = "meters", ["V"] = "volts",
        ["A"] = "amperes", ["J"] = "joules", ["W"] = "watts", ["g"] = "grams", ["Cel"] = "celsius",
        ["Hz"] = "hertz", ["%"] = "percent", ["bit"] = "bits",
    };

    private static readonly Dictionary<string, string> PerUnitWords = new(StringComparer.Ordinal)
    {
        ["s"] = "second", ["m"] = "minute", ["h"] = "hour", ["d"] = "day", ["w"] = "week", ["mo"] = "month", ["y"] = "year",
    };

    /// <summary>Writes the Prometheus family name (without _bucket/_sum/_count) into <paramref name="destination"/>.</summary>
    public static int MetricFamily(ReadOnlySpan<byte> otelName, string unit, bool isGauge, bool isMonotonicSum, Span<byte> destination)
    {
        var length = SanitizeMetricName(otelName, destination);
        var hadTotal = EndsWith(destination[..length], "_total"u8);
        if (hadTotal && isMonotonicSum) length -= 6;
        var unitWords = UnitSuffix(unit, isGauge);
        // A unit too long to spell out is left off rather than cut, so a name never ends in half a word.
        if (unitWords.Length is > 0 and <= MaxUnitWordsLength && !EndsWith(destination[..length], Encoding.UTF8.GetBytes("_" + unitWords)))
            length = Append(destination, length, "_" + unitWords);
        if (isMonotonicSum) length = Append(destination, length, "_total");
        return length;
    }

    /// <summary>Label names: anything outside [a-zA-Z0-9_] becomes '_', a leading digit gets "key_", a lone leading '_' gets "key".</summary>
    public static int LabelName(ReadOnlySpan<byte> key, Span<byte> destination)
    {
        var length = 0;
        if (key.Length > 0 && key[0] is >= (byte)'0' and <= (byte)'9') length = Append(destination, 0, "key_");
        else if (key.Length > 0 && key[0] == '_' && (key.Length == 1 || key[1] != '_')) length = Append(destination, 0, "key");
        foreach (var b in key)
        {
            if (length >= destination.Length) break;
            destination[length++] = IsLabelChar(b) ? b : (byte)'_';
        }
        return length;
    }

    /// <summary>Formats a bucket bound or quantile the way Prometheus does: shortest round-trip, +Inf/-Inf/NaN.</summary>
    public static int FormatFloat(double value, Span<byte> destination)
    {
        if (double.IsPositiveInfinity(value)) return Append(destination, 0, "+Inf");
        if (double.IsNegativeInfinity(value)) return Append(destination, 0, "-Inf");
        if (double.IsNaN(value)) return Append(destination, 0, "NaN");
        if (!value.TryFormat(destination, out var written, "R", System.Globalization.CultureInfo.InvariantCulture))
            throw new InvalidOperationException("float label value did not fit its buffer");
        for (var i = 0; i < written; i++) if (destination[i] == 'E') destination[i] = (byte)'e';
        return written;
    }

    private static string UnitSuffix(string unit, bool isGauge)
    {
        var trimmed = StripAnnotations(unit);
        if (trimmed.Length == 0) return "";
        if (trimmed == "1") return isGauge ? "ratio" : "";
        var slash = trimmed.IndexOf('/');
        if (slash < 0) return Word(trimmed, UnitWords);
        var per = Word(trimmed[(slash + 1)..], PerUnitWords);
        var main = Word(trimmed[..slash], UnitWords);
        if (per.Length == 0) return main;
        return main.Length == 0 ? "per_" + per : main + "_per_" + per;
    }

    private static string Word(string unit, Dictionary<string, string> words)
    {
        if (words.TryGetValue(unit, out var word)) return word;
        var builder = new StringBuilder(unit.Length);
        foreach (var c in unit) builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        return builder.ToString().Trim('_');
    }

    private static string StripAnnotations(string unit)
    {
        if (!unit.Contains('{')) return unit.Trim();
        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{') depth++;
            else if (c == '}') depth = Math.Max(0, depth - 1);
            else if (depth == 0) builder.Append(c);
        }
        return builder.ToString().Trim();
    }

    private static int SanitizeMetricName(ReadOnlySpan<byte> name, Span<byte> destination)
    {
        var length = 0;
        if (name.Length > 0 && name[0] is >= (byte)'0' and <= (byte)'9') destination[length++] = (byte)'_';
        foreach (var b in name)
        {
            if (length >= destination.Length - SuffixRoom) break;
            var c = IsMetricChar(b) ? b : (byte)'_';
            if (c == '_' && length > 0 && destination[length - 1] == '_') continue;
            destination[length++] = c;
        }
        while (length > 1 && destination[length - 1] == '_') length--;
        return length;
    }

    private static bool IsMetricChar(byte b) => IsLabelChar(b) || b == ':';

    private static bool IsLabelChar(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'_';

    private static bool EndsWith(ReadOnlySpan<byte> value, ReadOnlySpan<byte> suffix) => value.EndsWith(suffix);

    private static int Append(Span<byte> destination, int length, string text)
    {
        var written = Encoding.ASCII.GetBytes(text, destination[length..]);
        return length + written;
    }
}
