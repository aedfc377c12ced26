using System.Globalization;

namespace OllyStack.Storage;

/// <summary>
/// Which flushes a part holds: the inclusive range of flush sequence numbers it was made from. A flushed part covers
/// one number; a merged part the range of its sources. Ranges of live parts never overlap, so ordering by range is
/// ordering by age of the data, which decides which value wins when two parts hold the same sample timestamp. The
/// file name is both numbers as 16 hex digits, <c>first-last</c>, then the kind's extension.
/// </summary>
public readonly record struct PartId(long First, long Last) : IComparable<PartId>
{
    public string FileName(string extension) => $"{First:x16}-{Last:x16}{extension}";

    /// <summary>True if this range contains all of <paramref name="other"/> and more: <paramref name="other"/> was merged into it.</summary>
    public bool Supersedes(PartId other) => this != other && First <= other.First && other.Last <= Last;

    public int CompareTo(PartId other) => Last.CompareTo(other.Last);

    /// <summary>Also reads the single sequence number (<c>&lt;16 hex&gt;&lt;extension&gt;</c>) that log and span parts were named by before they merged.</summary>
    public static bool TryParse(string fileName, string extension, out PartId id)
    {
        id = default;
        if (!fileName.EndsWith(extension, StringComparison.Ordinal)) return false;
        var name = fileName.AsSpan(0, fileName.Length - extension.Length);
        if (name.Length == 16 && TryParseSequence(name, out var only))
        {
            id = new PartId(only, only);
            return true;
        }
        if (name.Length != 33 || name[16] != '-' || !TryParseSequence(name[..16], out var first) || !TryParseSequence(name[17..], out var last) || last < first) return false;
        id = new PartId(first, last);
        return true;
    }

    public override string ToString() => $"{First}-{Last}";

    private static bool TryParseSequence(ReadOnlySpan<char> hex, out long sequence) =>
        long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out sequence) && sequence >= 0;
}
