using System.Globalization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// Sizes written as people write them: "100TB", "1.5 TiB", "500GB", "2e12" or a plain byte count. Decimal units
/// (kB, MB, GB, TB, PB = powers of 1000) as price lists use them; binary units (KiB ... PiB) when asked for.
/// </summary>
public static class ByteSize
{
    private static readonly Dictionary<string, decimal> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["B"] = 1m,
        ["KB"] = 1e3m,
        ["MB"] = 1e6m,
        ["GB"] = 1e9m,
        ["TB"] = 1e12m,
        ["PB"] = 1e15m,
        ["KiB"] = 1024m,
        ["MiB"] = 1024m * 1024,
        ["GiB"] = 1024m * 1024 * 1024,
        ["TiB"] = 1024m * 1024 * 1024 * 1024,
        ["PiB"] = 1024m * 1024 * 1024 * 1024 * 1024,
    };

    public static bool TryParse(string? text, out decimal bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        if (decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out bytes)) return true;
        var unitStart = trimmed.Length;
        while (unitStart > 0 && char.IsAsciiLetter(trimmed[unitStart - 1])) unitStart--;
        if (unitStart == trimmed.Length || !Units.TryGetValue(trimmed[unitStart..], out var unit)) return false;
        if (!decimal.TryParse(trimmed[..unitStart].TrimEnd(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count)) return false;
        try
        {
            bytes = count * unit;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Parses <paramref name="text"/> or throws a <see cref="CostInputException"/> naming <paramref name="field"/>.</summary>
    public static decimal Parse(string field, string? text) =>
        TryParse(text, out var bytes)
            ? bytes
            : throw new CostInputException(field, $"{field} must be a byte count or a size such as 100TB, 500GB or 1.5TiB (got '{text}')");
}
