using System.Globalization;

namespace OllyStack.Query.PromQL;

/// <summary>Reads and writes PromQL number literals.</summary>
internal static class NumberFormat
{
    /// <summary>
    /// Reads the text of a number token as Prometheus does: <c>0x</c> hexadecimal and leading-zero octal integers
    /// (<c>010</c> is 8, as Go's base-0 integer parsing reads it), otherwise a decimal float; <c>Inf</c> and
    /// <c>NaN</c> in any case. A finite literal too large for a double is an error, not infinity.
    /// </summary>
    public static bool TryParse(string text, out double value, out string error)
    {
        error = "";
        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase)) { value = double.PositiveInfinity; return true; }
        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase)) { value = double.NaN; return true; }

        if (text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X')
        {
            var ok = ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex <= long.MaxValue;
            value = hex;
            if (!ok) error = $"invalid hexadecimal number {StringQuoting.Quote(text)}";
            return ok;
        }
        if (IsOctal(text) && TryParseOctal(text, out value)) return true;

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            error = $"invalid number {StringQuoting.Quote(text)}";
            return false;
        }
        if (double.IsInfinity(value))
        {
            error = $"number {StringQuoting.Quote(text)} is out of range";
            return false;
        }
        return true;
    }

    /// <summary>The shortest text that reads back to the same double.</summary>
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'),
    };

    private static bool IsOctal(string text) => text.Length > 1 && text[0] == '0' && text.All(c => c is >= '0' and <= '7');

    private static bool TryParseOctal(string text, out double value)
    {
        long result = 0;
        foreach (var digit in text)
        {
            if (result > (long.MaxValue >> 3)) { value = 0; return false; }
            result = (result << 3) | (long)(digit - '0');
        }
        value = result;
        return true;
    }
}
