namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// The date functions (<c>year</c>, <c>hour</c>, ...): a part of a UTC time given in Unix seconds. Fractions are
/// truncated towards zero as Go's time.Unix(int64(v), 0) does, and the proleptic Gregorian calendar is extended to
/// any year (Go's range), not just DateTime's 1..9999.
/// </summary>
internal static class CalendarFunctions
{
    private const long SecondsPerDay = 86_400;

    private static readonly Dictionary<string, Func<long, double>> ByName = new(StringComparer.Ordinal)
    {
        ["day_of_month"] = seconds => CivilDate(Days(seconds)).Day,
        ["day_of_week"] = seconds => FloorMod(Days(seconds) + 4, 7), // 1970-01-01 was a Thursday.
        ["day_of_year"] = seconds =>
        {
            var days = Days(seconds);
            return days - DaysFromCivil(CivilDate(days).Year, 1, 1) + 1;
        },
        ["days_in_month"] = seconds =>
        {
            var (year, month, _) = CivilDate(Days(seconds));
            return month == 2 ? (IsLeap(year) ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;
        },
        ["hour"] = seconds => FloorMod(seconds, SecondsPerDay) / 3600,
        ["minute"] = seconds => FloorMod(seconds, 3600) / 60,
        ["month"] = seconds => CivilDate(Days(seconds)).Month,
        ["year"] = seconds => CivilDate(Days(seconds)).Year,
    };

    public static bool TryGet(string name, out Func<double, double> part)
    {
        if (!ByName.TryGetValue(name, out var ofSeconds))
        {
            part = null!;
            return false;
        }
        // Beyond ±2^62 s the day arithmetic below would overflow; Prometheus' answer there is meaningless anyway.
        part = seconds => double.IsFinite(seconds) && Math.Abs(seconds) < 4e18 ? ofSeconds((long)seconds) : double.NaN;
        return true;
    }

    private static long Days(long seconds) => FloorDiv(seconds, SecondsPerDay);

    private static long FloorDiv(long a, long b) => a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);

    private static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;

    private static bool IsLeap(long year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    /// <summary>The Gregorian date of a day count since 1970-01-01 (H. Hinnant's civil_from_days).</summary>
    private static (long Year, long Month, long Day) CivilDate(long days)
    {
        days += 719_468;
        var era = FloorDiv(days, 146_097);
        var dayOfEra = days - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var monthIndex = (5 * dayOfYear + 2) / 153;
        var day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        var month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        var year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return (year, month, day);
    }

    /// <summary>The day count since 1970-01-01 of a Gregorian date (H. Hinnant's days_from_civil).</summary>
    private static long DaysFromCivil(long year, long month, long day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = FloorDiv(year, 400);
        var yearOfEra = year - era * 400;
        var dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
