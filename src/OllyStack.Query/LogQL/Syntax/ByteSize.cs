using System.Globalization;

namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// Sizes as Loki reads them in label filters and <c>unwrap bytes(...)</c>: a non-negative decimal, optional spaces and
/// a case-insensitive unit, decimal (<c>kB</c>, <c>MB</c>, ... = 1000ⁿ, also written <c>k</c>, <c>m</c>, ...) or binary
/// (<c>KiB</c>, <c>MiB</c>, ... = 1024ⁿ, also <c>Ki</c>); no unit or <c>b</c> means bytes.
/// </summary>
public static class ByteSize
{
    private const string Prefixes = "kmgtpe";

    public static bool TryParse(ReadOnlySpan<char> text, out double bytes)
    {
        bytes = 0;
        text = text.Trim();
        var numberLength = 0;
        while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || text[numberLength] == '.')) numberLength++;
        if (!double.TryParse(text[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)) return false;
        if (!TryUnit(text[numberLength..].TrimStart(), out var multiplier)) return false;
        bytes = amount * multiplier;
        return true;
    }

    /// <summary>True when <paramref name="text"/> is a number followed by an explicit unit, as a bytes literal in a query is.</summary>
    public static bool IsLiteralWithUnit(ReadOnlySpan<char> text)
    {
        var numberLength = 0;
        while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || text[numberLength] == '.')) numberLength++;
        return numberLength > 0 && numberLength < text.Length && TryParse(text, out _);
    }

    private static bool TryUnit(ReadOnlySpan<char> unit, out double multiplier)
    {
        multiplier = 1;
        if (unit.IsEmpty || unit.Equals("b", StringComparison.OrdinalIgnoreCase)) return true;
        var power = Prefixes.IndexOf(char.ToLowerInvariant(unit[0]));
        if (power < 0) return false;
        var rest = unit[1..];
        double @base;
        if (rest.IsEmpty || rest.Equals("b", StringComparison.OrdinalIgnoreCase)) @base = 1000;
        else if (rest.Equals("i", StringComparison.OrdinalIgnoreCase) || rest.Equals("ib", StringComparison.OrdinalIgnoreCase)) @base = 1024;
        else return false;
        multiplier = Math.Pow(@base, power + 1);
        return true;
    }
}
