using System.Globalization;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>Numbers in label values as Go's <c>strconv.ParseFloat</c> reads them: decimal or exponent notation, Inf and NaN in any case.</summary>
internal static class GoFloat
{
    public static bool TryParse(string text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        switch (text.ToLowerInvariant())
        {
            case "inf" or "+inf" or "infinity" or "+infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
            case "nan": value = double.NaN; return true;
            default: return false;
        }
    }
}
