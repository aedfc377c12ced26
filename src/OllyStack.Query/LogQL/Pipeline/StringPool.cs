namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// Hands out one string per distinct short text, so parsers that meet the same keys and values on every line (field
/// names, levels, status codes) allocate them once per query. Bounded: past its capacity, or for long texts, it
/// allocates a fresh string each time.
/// </summary>
internal sealed class StringPool
{
    private const int MaxEntries = 4096;
    private const int MaxLength = 64;
    private readonly HashSet<string> strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public StringPool() => lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return "";
        if (text.Length > MaxLength) return text.ToString();
        if (lookup.TryGetValue(text, out var pooled)) return pooled;
        var created = text.ToString();
        if (strings.Count < MaxEntries) strings.Add(created);
        return created;
    }
}
