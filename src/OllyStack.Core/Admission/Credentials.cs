namespace OllyStack.Core.Admission;

/// <summary>Finds the API key a client presented, from <c>Authorization: Bearer</c> or <c>X-Ollystack-Key</c>.</summary>
public static class Credentials
{
    public const string KeyHeader = "x-ollystack-key";

    public static ReadOnlySpan<char> FromHeaders(string? authorization, string? keyHeader)
    {
        if (!string.IsNullOrWhiteSpace(keyHeader)) return keyHeader.AsSpan().Trim();
        if (authorization is null) return default;
        var value = authorization.AsSpan().Trim();
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : default;
    }
}
