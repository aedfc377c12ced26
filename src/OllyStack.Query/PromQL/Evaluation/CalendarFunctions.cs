namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>The date functions (<c>year</c>, <c>hour</c>, ...): a part of a UTC time.</summary>
internal static class CalendarFunctions
{
    private static readonly Dictionary<string, Func<DateTime, double>> ByName = new(StringComparer.Ordinal)
    {
        ["day_of_month"] = t => t.Day,
        ["day_of_week"] = t => (int)t.DayOfWeek,
        ["day_of_year"] = t => t.DayOfYear,
        ["days_in_month"] = t => DateTime.DaysInMonth(t.Year, t.Month),
        ["hour"] = t => t.Hour,
        ["minute"] = t => t.Minute,
        ["month"] = t => t.Month,
        ["year"] = t => t.Year,
    };

    public static bool TryGet(string name, out Func<DateTime, double> part) => ByName.TryGetValue(name, out part!);
}
