using System.Collections;
using System.Globalization;
using System.Text;

namespace OllyStack.Alerting.Notifications.Templates;

/// <summary>How templates judge and print values, after Go's text/template and fmt's <c>%v</c>.</summary>
internal static class TemplateValues
{
    /// <summary>False, zero, nil, and empty strings, lists and maps are false; everything else is true.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        double d => d != 0,
        ITemplateMap map => map.Count > 0,
        ICollection collection => collection.Count > 0,
        IReadOnlyCollection<object?> list => list.Count > 0,
        _ => true,
    };

    public static string Print(object? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    public static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null: text.Append("<no value>"); break;
            case string s: text.Append(s); break;
            case bool b: text.Append(b ? "true" : "false"); break;
            case long l: text.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case double d: text.Append(FormatFloat(d)); break;
            case DateTimeOffset time: text.Append(FormatTime(time)); break;
            case ITemplateMap map:
                text.Append("map[");
                var first = true;
                foreach (var (key, item) in map.Entries)
                {
                    if (!first) text.Append(' ');
                    first = false;
                    text.Append(key).Append(':');
                    Append(text, item);
                }
                text.Append(']');
                break;
            case IEnumerable list:
                text.Append('[');
                var separate = false;
                foreach (var item in list)
                {
                    if (separate) text.Append(' ');
                    separate = true;
                    Append(text, item);
                }
                text.Append(']');
                break;
            default: text.Append(value); break;
        }
    }

    /// <summary>Go's <c>time.Time.String()</c> for UTC times: <c>2026-11-24 12:00:00.5 +0000 UTC</c>.</summary>
    public static string FormatTime(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        var fraction = utc.ToString("FFFFFFF", CultureInfo.InvariantCulture);
        return utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : "") + " +0000 UTC";
    }

    public static string FormatFloat(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The items of a list, or null when the value is not one (strings are not lists here).</summary>
    public static IEnumerable<object?>? AsList(object? value) => value is string or ITemplateMap or null ? null : value switch
    {
        IEnumerable<object?> items => items,
        IEnumerable items => items.Cast<object?>(),
        _ => null,
    };
}
