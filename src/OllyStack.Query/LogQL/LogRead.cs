using OllyStack.Storage.Index;

namespace OllyStack.Query.LogQL;

/// <summary>
/// One read of stored entries. <see cref="RequiredSubstrings"/> is a hint the source may use to skip blocks (token
/// blooms): every entry the query can keep contains each of them (case-sensitive); the source may still return entries
/// that do not.
/// </summary>
public sealed record LogRead(
    string Tenant,
    IReadOnlyList<LabelMatcher> Selector,
    long StartUnixNano,
    long EndUnixNano,
    LogDirection Direction,
    IReadOnlyList<string> RequiredSubstrings);
