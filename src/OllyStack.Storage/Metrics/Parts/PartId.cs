using System.Globalization;

namespace OllyStack.Storage.Metrics.Parts;

/// <summary>
/// Which flushes a part holds: the inclusive range of flush sequence numbers it was made from. A flushed part covers
/// one number; a merged part the range of its sources. Ranges of live parts never overlap, so ordering by range is
/// ordering by age of the data, which decides which value wins when two parts hold the same sample timestamp.
/// </summary>
public readonly record struct PartId(long First, long Last) : IComparable<PartId>
{
    private const string Extension = ".part";

    public string FileName => $"{First:x16}-{Last:x16}{Extension}";

    /// <summary>True if this range contains all of <paramref name="other"/> and more: <paramref name="other"/> was merged into it.</summary>
    public bool Supersedes(PartId other) => this != other && First <= other.First && other.Last <= Last;

    public int CompareTo(PartId other) => Last.CompareTo(other.Last);

    public static bool TryParse(string fileName, out PartId id)
    {
        id = default;
        if (!fileName.EndsWith(Extension, StringComparison.Ordinal) || fileName.Length != 33 + Extension.Length || fileName[16] != '-') return false;
        if (!long.TryParse(fileName.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var first)) return false;
        if (!long.TryParse(fileName.AsSpan(17, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var last)) return false;
        if (first < 0 || last < first) return false;
        id = new PartId(first, last);
        return true;
    }

    public override string ToString() => $"{First}-{Last}";
}
