using System.Globalization;
using System.Text;

namespace OllyStack.Query.LogQL.Pipeline.Templates;

/// <summary>
/// Formats a time with a Go layout (the reference time <c>Mon Jan 2 15:04:05 MST 2006</c> written as wanted), in UTC:
/// 2006 06 01 1 Jan January 02 2 _2 15 03 3 04 4 05 5 PM pm Mon Monday MST, zones Z07:00 -07:00 -0700 Z0700, and
/// fractions .000 (fixed) or .999 (trailing zeros dropped).
/// </summary>
internal static class GoTimeLayout
{
    private static readonly (string Token, Func<DateTime, string> Write)[] Tokens =
    [
        ("January", t => t.ToString("MMMM", CultureInfo.InvariantCulture)),
        ("Monday", t => t.DayOfWeek.ToString()),
        ("2006", t => t.Year.ToString("0000", CultureInfo.InvariantCulture)),
        ("Z07:00", _ => "Z"),
        ("-07:00", _ => "+00:00"),
        ("Z0700", _ => "Z"),
        ("-0700", _ => "+0000"),
        ("Jan", t => t.ToString("MMM", CultureInfo.InvariantCulture)),
        ("Mon", t => t.DayOfWeek.ToString()[..3]),
        ("MST", _ => "UTC"),
        ("_2", t => t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)),
        ("01", t => t.Month.ToString("00", CultureInfo.InvariantCulture)),
        ("02", t => t.Day.ToString("00", CultureInfo.InvariantCulture)),
        ("03", t => Hour12(t).ToString("00", CultureInfo.InvariantCulture)),
        ("04", t => t.Minute.ToString("00", CultureInfo.InvariantCulture)),
        ("05", t => t.Second.ToString("00", CultureInfo.InvariantCulture)),
        ("06", t => (t.Year % 100).ToString("00", CultureInfo.InvariantCulture)),
        ("15", t => t.Hour.ToString("00", CultureInfo.InvariantCulture)),
        ("PM", t => t.Hour >= 12 ? "PM" : "AM"),
        ("pm", t => t.Hour >= 12 ? "pm" : "am"),
        ("1", t => t.Month.ToString(CultureInfo.InvariantCulture)),
        ("2", t => t.Day.ToString(CultureInfo.InvariantCulture)),
        ("3", t => Hour12(t).ToString(CultureInfo.InvariantCulture)),
        ("4", t => t.Minute.ToString(CultureInfo.InvariantCulture)),
        ("5", t => t.Second.ToString(CultureInfo.InvariantCulture)),
    ];

    public static string Format(TemplateTime time, string layout)
    {
        var utc = time.Utc;
        var text = new StringBuilder();
        var position = 0;
        while (position < layout.Length)
        {
            if (TryFraction(layout, ref position, time.Nanosecond, text)) continue;
            var matched = false;
            foreach (var (token, write) in Tokens)
            {
                if (!layout.AsSpan(position).StartsWith(token, StringComparison.Ordinal)) continue;
                text.Append(write(utc));
                position += token.Length;
                matched = true;
                break;
            }
            if (!matched) text.Append(layout[position++]);
        }
        return text.ToString();
    }

    /// <summary><c>.000</c>/<c>,000</c> prints that many digits; <c>.999</c> as many as needed, none (and no point) for a whole second.</summary>
    private static bool TryFraction(string layout, ref int position, int nanosecond, StringBuilder text)
    {
        if (layout[position] is not ('.' or ',') || position + 1 >= layout.Length || layout[position + 1] is not ('0' or '9')) return false;
        var digit = layout[position + 1];
        var end = position + 1;
        while (end < layout.Length && layout[end] == digit) end++;
        if (end < layout.Length && char.IsAsciiDigit(layout[end])) return false;
        var count = Math.Min(end - position - 1, 9);
        var digits = nanosecond.ToString("000000000", CultureInfo.InvariantCulture)[..count];
        if (digit == '9') digits = digits.TrimEnd('0');
        if (digits.Length > 0) text.Append(layout[position]).Append(digits);
        position = end;
        return true;
    }

    private static int Hour12(DateTime time) => time.Hour % 12 == 0 ? 12 : time.Hour % 12;
}
