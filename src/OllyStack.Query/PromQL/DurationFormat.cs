using System.Text;

namespace OllyStack.Query.PromQL;

/// <summary>
/// Reads and writes PromQL durations: one or more <c>&lt;integer&gt;&lt;unit&gt;</c> terms with units in the order
/// y, w, d, h, m, s, ms, each at most once (<c>1h30m</c>). A year is 365 days; the longest duration is what fits in
/// 64-bit nanoseconds (about 292 years), as in Prometheus.
/// </summary>
public static class DurationFormat
{
    private static readonly (string Unit, long Milliseconds)[] Units =
    [
        ("y", 365L * 24 * 3600 * 1000),
        ("w", 7L * 24 * 3600 * 1000),
        ("d", 24L * 3600 * 1000),
        ("h", 3600L * 1000),
        ("m", 60L * 1000),
        ("s", 1000),
        ("ms", 1),
    ];

    private const long MaxMilliseconds = long.MaxValue / 1_000_000;

    public static bool TryParse(string text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = $"not a valid duration: {StringQuoting.Quote(text)}";
        long total = 0;
        var nextUnit = 0;
        var position = 0;
        while (position < text.Length)
        {
            var digitsStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position])) position++;
            var digits = text.AsSpan(digitsStart, position - digitsStart);
            if (digits.IsEmpty || !TryReadUnit(text, ref position, ref nextUnit, out var unitMilliseconds)) return false;
            if (!long.TryParse(digits, out var amount) || amount > MaxMilliseconds / unitMilliseconds
                || (total += amount * unitMilliseconds) > MaxMilliseconds)
            {
                error = $"duration {StringQuoting.Quote(text)} is out of range";
                return false;
            }
        }
        if (position == 0) return false;
        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }

    /// <summary>Canonical form: largest units first; years and weeks only when they divide the rest exactly (90d, not 12w6d).</summary>
    public static string Format(TimeSpan duration)
    {
        var milliseconds = (long)duration.TotalMilliseconds;
        if (milliseconds == 0) return "0s";
        var text = new StringBuilder();
        if (milliseconds < 0)
        {
            text.Append('-');
            milliseconds = -milliseconds;
        }
        foreach (var (unit, size) in Units)
        {
            var exactOnly = unit is "y" or "w";
            if (milliseconds < size || (exactOnly && milliseconds % size != 0)) continue;
            text.Append(milliseconds / size).Append(unit);
            milliseconds %= size;
        }
        return text.ToString();
    }

    /// <summary>Reads the unit at <paramref name="position"/>; it must come after every unit already read.</summary>
    private static bool TryReadUnit(string text, ref int position, ref int nextUnit, out long milliseconds)
    {
        milliseconds = 0;
        for (var index = nextUnit; index < Units.Length; index++)
        {
            var unit = Units[index].Unit;
            if (!text.AsSpan(position).StartsWith(unit, StringComparison.Ordinal)) continue;
            // "m" must not take the "m" of "ms".
            if (unit == "m" && position + 1 < text.Length && text[position + 1] == 's') continue;
            position += unit.Length;
            nextUnit = index + 1;
            milliseconds = Units[index].Milliseconds;
            return true;
        }
        return false;
    }
}
