using OllyStack.Storage.Index;

namespace OllyStack.Storage.Logs;

/// <summary>
/// Which records a read returns: those of the streams every matcher accepts (a missing label reads as empty), with
/// <see cref="StartUnixNano"/> &lt;= time &lt; <see cref="EndUnixNano"/>, newest first when <see cref="Backward"/>.
/// Blocks whose bodies cannot contain every one of <see cref="RequiredSubstrings"/> are skipped (a hint: records
/// without them may still be returned from blocks that are read).
/// </summary>
public sealed record LogSelection(
    IReadOnlyList<LabelMatcher> Selector,
    long StartUnixNano,
    long EndUnixNano,
    bool Backward,
    IReadOnlyList<string> RequiredSubstrings)
{
    internal byte[][] RequiredUtf8 { get; } = [.. RequiredSubstrings.Select(System.Text.Encoding.UTF8.GetBytes)];

    public bool Matches(LogStream stream)
    {
        foreach (var matcher in Selector)
            if (!matcher.Matches(stream[matcher.Name] ?? "")) return false;
        return true;
    }
}
