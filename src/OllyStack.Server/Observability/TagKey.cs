namespace OllyStack.Server.Observability;

/// <summary>
/// The tag values of one measurement, as a dictionary key that is built without allocating: OllyStack's
/// instruments carry at most four string tags, always in the same order per instrument.
/// </summary>
internal readonly record struct TagKey(string? Name0, string? Value0, string? Name1, string? Value1, string? Name2, string? Value2, string? Name3, string? Value3)
{
    public const int MaxTags = 4;

    public static TagKey From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length > MaxTags) throw new InvalidOperationException($"self-metrics carry at most {MaxTags} tags");
        return new TagKey(
            Name(tags, 0), Value(tags, 0), Name(tags, 1), Value(tags, 1),
            Name(tags, 2), Value(tags, 2), Name(tags, 3), Value(tags, 3));
    }

    public IEnumerable<(string Name, string Value)> Pairs()
    {
        if (Name0 is not null) yield return (Name0, Value0 ?? "");
        if (Name1 is not null) yield return (Name1, Value1 ?? "");
        if (Name2 is not null) yield return (Name2, Value2 ?? "");
        if (Name3 is not null) yield return (Name3, Value3 ?? "");
    }

    private static string? Name(ReadOnlySpan<KeyValuePair<string, object?>> tags, int i) => i < tags.Length ? tags[i].Key : null;

    private static string? Value(ReadOnlySpan<KeyValuePair<string, object?>> tags, int i) => i < tags.Length ? tags[i].Value as string ?? tags[i].Value?.ToString() : null;
}
