using System.Globalization;

namespace OllyStack.Query.Traces;

/// <summary>
/// Durations as Jaeger's minDuration and maxDuration take them (Go's time.ParseDuration): a sequence of decimal numbers
/// with units <c>ns</c>, <c>us</c> (or <c>µs</c>), <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>, like <c>1.5s</c> or
/// <c>1m30s</c>; a bare <c>0</c> is zero.
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, double Nanoseconds)[] Units =
        [("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9)];

    public static bool TryParse(string text, out long nanoseconds)
    {
        nanoseconds = 0;
        if (text == "0") return true;
        var rest = text.AsSpan();
        if (rest.IsEmpty) return false;
        var total = 0.0;
        while (!rest.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.')) numberLength++;
            if (!double.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
            rest = rest[numberLength..];
            if (!TryUnit(rest, out var unit)) return false;
            total += number * unit.Nanoseconds;
            rest = rest[unit.Unit.Length..];
        }
        if (total >= long.MaxValue) return false;
        nanoseconds = (long)total;
        return true;
    }

    /// <summary>The longest unit the text starts with (<c>ms</c> before <c>m</c>).</summary>
    private static bool TryUnit(ReadOnlySpan<char> text, out (string Unit, double Nanoseconds) unit)
    {
        unit = default;
        foreach (var candidate in Units)
            if (text.StartsWith(candidate.Unit, StringComparison.Ordinal) && (unit.Unit is null || candidate.Unit.Length > unit.Unit.Length)) unit = candidate;
        return unit.Unit is not null;
    }
}
