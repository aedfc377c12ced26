using System.Globalization;
using System.Text.Json;
using OllyStack.Core.Admission;
using static OllyStack.ControlPlane.RequestJson;

namespace OllyStack.ControlPlane.Keys;

/// <summary>
/// The bodies of key creation (<c>name</c>, <c>scopes</c>, <c>expires_at</c>) and rotation (<c>overlap</c>); unknown
/// fields and wrong types are errors that name the field.
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

    /// <summary>
    /// The rotation body's <c>overlap</c> as written (a Prometheus duration such as <c>24h</c>, parsed by the API with
    /// the query language's own duration format), or null to use <see cref="DefaultOverlap"/>.
    /// </summary>
    public static string? ReadOverlap(JsonElement body)
    {
        CheckFields(body, ["overlap"]);
        return OptionalString(body, "overlap");
    }
}
