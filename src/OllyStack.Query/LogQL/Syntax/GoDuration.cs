using System.Globalization;

namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// Durations as Loki reads them in label filters, <c>unwrap duration(...)</c> and ranges: Go's <c>time.ParseDuration</c>
/// (an optional sign, then decimal terms with units ns, us/µs, ms, s, m, h, as in <c>1.5s</c> or <c>1h2m</c>),
/// extended with Prometheus' d, w and y (a year is 365 days) so ranges such as <c>[7d]</c> read too.
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, double Seconds)[] Units =
    [
        ("ns", 1e-9), ("us", 1e-6), ("\u00b5s", 1e-6), ("\u03bcs", 1e-6), ("ms", 1e-3),
        ("s", 1), ("m", 60), ("h", 3600), ("d", 86400), ("w", 7 * 86400), ("y", 365 * 86400),
    ];

    public static bool TryParse(ReadOnlySpan<char> text, out double seconds)
    {
        seconds = 0;
        var negative = text.Length > 0 && text[0] == '-';
        if (text.Length > 0 && text[0] is '-' or '+') text = text[1..];
        if (text is "0") return true;
        if (text.IsEmpty) return false;
        while (!text.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || text[numberLength] == '.')) numberLength++;
            if (!double.TryParse(text[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)) return false;
            text = text[numberLength..];
            if (!TryReadUnit(ref text, out var unitSeconds)) return false;
            seconds += amount * unitSeconds;
        }
        if (negative) seconds = -seconds;
        return true;
    }

    /// <summary>Reads the longest unit at the start of <paramref name="text"/> ("ms" before "m").</summary>
    private static bool TryReadUnit(ref ReadOnlySpan<char> text, out double seconds)
    {
        var best = -1;
        for (var i = 0; i < Units.Length; i++)
            if (text.StartsWith(Units[i].Unit, StringComparison.Ordinal) && (best < 0 || Units[i].Unit.Length > Units[best].Unit.Length)) best = i;
        seconds = best < 0 ? 0 : Units[best].Seconds;
        if (best < 0) return false;
        text = text[Units[best].Unit.Length..];
        return true;
    }
}
