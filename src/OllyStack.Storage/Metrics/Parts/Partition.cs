using System.Globalization;

namespace OllyStack.Storage.Metrics.Parts;

/// <summary>
/// A UTC day of sample time. Parts never span two days, so retention drops whole folders and a day whose end lies
/// safely behind the newest sample can be merged into one final part.
/// </summary>
public readonly record struct Partition(long Day) : IComparable<Partition>
{
    public const long DayMs = 86_400_000;
    private const string NameFormat = "yyyy-MM-dd";
    private const string OutOfCalendarPrefix = "day";

    public long StartMs => Day * DayMs;

    /// <summary>The first millisecond after the day.</summary>
    public long EndMs => StartMs + DayMs;

    /// <summary>The folder name: the date, or <c>day</c> and the day number for days no calendar date names.</summary>
    public string Name => StartMs >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && EndMs <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
        ? DateTimeOffset.FromUnixTimeMilliseconds(StartMs).ToString(NameFormat, CultureInfo.InvariantCulture)
        : OutOfCalendarPrefix + Day.ToString(CultureInfo.InvariantCulture);

    public static Partition Of(long timestampMs) => new(Math.DivRem(timestampMs, DayMs) is var (q, r) && r < 0 ? q - 1 : q);

    public static bool TryParse(string name, out Partition partition)
    {
        partition = default;
        if (name.StartsWith(OutOfCalendarPrefix, StringComparison.Ordinal))
        {
            if (!long.TryParse(name.AsSpan(OutOfCalendarPrefix.Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var day)) return false;
            partition = new Partition(day);
            return true;
        }
        if (!DateTimeOffset.TryParseExact(name, NameFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)) return false;
        partition = Of(date.ToUnixTimeMilliseconds());
        return true;
    }

    public int CompareTo(Partition other) => Day.CompareTo(other.Day);

    public override string ToString() => Name;
}
