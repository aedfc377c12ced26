using System.Globalization;

namespace OllyStack.Query.LogQL.Pipeline.Templates;

/// <summary>A moment in a template (<c>__timestamp__</c>), kept in nanoseconds so nothing is lost before formatting.</summary>
internal readonly record struct TemplateTime(long UnixNano)
{
    public DateTime Utc => DateTime.UnixEpoch.AddTicks(UnixNano / 100);

    public int Nanosecond => (int)(((UnixNano % 1_000_000_000) + 1_000_000_000) % 1_000_000_000);
}

/// <summary>
/// How template values (strings, 64-bit integers, doubles, booleans, <see cref="TemplateTime"/>) print and convert,
/// following Go's <c>fmt</c> and the lenient conversions of the Sprig functions Loki offers.
/// </summary>
internal static class TemplateValues
{
    /// <summary>Go's <c>%v</c>.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "",
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        bool b => b ? "true" : "false",
        TemplateTime t => GoTimeLayout.Format(t, "2006-01-02 15:04:05.999999999 -0700 MST"),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// Go's <c>%v</c> of a float64: the shortest digits that read back, with an exponent (<c>1e+06</c>) when the
    /// decimal exponent is below -4 or at least 6, as Go's <c>%g</c> decides for shortest precision.
    /// </summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "+Inf" : "-Inf";
        if (value == 0) return "0";
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (exponent >= -4 && exponent < 6) return value.ToString("R", CultureInfo.InvariantCulture);
        var shortest = ShortestScientific(value);
        var e = shortest.IndexOf('E');
        var power = int.Parse(shortest.AsSpan(e + 1), CultureInfo.InvariantCulture);
        return shortest[..e] + "e" + (power < 0 ? "-" : "+") + Math.Abs(power).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Scientific notation with as few mantissa digits as still read back to the same double.</summary>
    private static string ShortestScientific(double value)
    {
        for (var digits = 0; digits < 17; digits++)
        {
            var text = value.ToString("E" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (double.Parse(text, CultureInfo.InvariantCulture) == value) return text;
        }
        return value.ToString("E16", CultureInfo.InvariantCulture);
    }

    /// <summary>Go templates' truth: false, zero, nil and the empty string are false.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        long l => l != 0,
        double d => d != 0,
        bool b => b,
        _ => true,
    };

    /// <summary>Sprig's <c>toInt64</c>: numbers truncate, numeric strings parse, anything else is 0.</summary>
    public static long ToLong(object? value) => value switch
    {
        long l => l,
        double d when double.IsFinite(d) => (long)d,
        bool b => b ? 1 : 0,
        string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => (long)d,
        _ => 0,
    };

    /// <summary>Sprig's <c>toFloat64</c>.</summary>
    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => 0,
    };

    /// <summary>Go's <c>eq</c>/<c>lt</c> comparison: numbers by value, strings ordinally; other mixes cannot be compared.</summary>
    public static int Compare(object? left, object? right)
    {
        if (left is long or double && right is long or double)
            return left is long a && right is long b ? a.CompareTo(b) : ToDouble(left).CompareTo(ToDouble(right));
        if (left is string ls && right is string rs) return string.CompareOrdinal(ls, rs);
        if (left is bool lb && right is bool rb) return lb.CompareTo(rb);
        throw new TemplateException($"incompatible types for comparison: {TypeName(left)} and {TypeName(right)}");
    }

    /// <summary>Go's name of a value's type, as its error messages print it.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "nil",
        string => "string",
        long => "int64",
        double => "float64",
        bool => "bool",
        TemplateTime => "time.Time",
        _ => value.GetType().Name,
    };
}
