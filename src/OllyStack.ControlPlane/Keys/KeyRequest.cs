using System.Globalization;
using System.Text.Json;
using OllyStack.Core.Admission;
using static OllyStack.ControlPlane.RequestJson;

namespace OllyStack.ControlPlane.Keys;

/// <summary>
/// The bodies of key creation (<c>name</c>, <c>scopes</c>, <c>expires_at</c>) and rotation (<c>overlap</c>, a duration
/// such as <c>24h</c>); unknown fields and wrong types are errors that name the field.
/// </summary>
public static class KeyRequest
{
    /// <summary>How long a rotated key keeps working when the request does not say.</summary>
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(24);

    public static (string Name, KeyScopes Scopes, DateTimeOffset? ExpiresAt) ReadCreate(JsonElement body)
    {
        CheckFields(body, ["name", "scopes", "expires_at"]);
        var name = OptionalString(body, "name") ?? "";
        var scopes = KeyScopes.Ingest | KeyScopes.Query;
        if (body.TryGetProperty("scopes", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
                throw Invalid("scopes must be a list like [\"ingest\",\"query\"]");
            if (!KeyScopeNames.TryParse(list.EnumerateArray().Select(s => s.GetString()!), out scopes, out var unknown))
                throw Invalid($"unknown scope '{unknown}'; scopes are ingest, query and admin");
        }
        DateTimeOffset? expiresAt = null;
        if (OptionalString(body, "expires_at") is { } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                throw Invalid($"expires_at '{text}' is not an RFC 3339 time such as 2027-01-31T00:00:00Z");
            expiresAt = parsed;
        }
        return (name, scopes, expiresAt);
    }

    public static TimeSpan ReadOverlap(JsonElement body)
    {
        CheckFields(body, ["overlap"]);
        return OptionalString(body, "overlap") is { } text ? ParseDuration(text) : DefaultOverlap;
    }

    /// <summary>A duration as Prometheus writes them: a number and one of s, m, h, d, w (<c>90s</c>, <c>24h</c>, <c>7d</c>).</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var unit = text.Length > 1 ? text[^1] : ' ';
        if (!long.TryParse(text.AsSpan(0, Math.Max(0, text.Length - 1)), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 100_000)
            throw Invalid($"duration '{text}' is not a whole number followed by s, m, h, d or w (for example 24h)");
        return unit switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            'w' => TimeSpan.FromDays(7 * amount),
            _ => throw Invalid($"duration '{text}' is not a whole number followed by s, m, h, d or w (for example 24h)"),
        };
    }
}
