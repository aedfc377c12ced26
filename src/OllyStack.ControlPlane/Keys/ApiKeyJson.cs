using System.Text.Json;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Keys;

/// <summary>An API key as the API shows it and the audit log records it; the secret appears only in the create response.</summary>
public static class ApiKeyJson
{
    public static void Write(Utf8JsonWriter json, ApiKey key, string? secret = null)
    {
        json.WriteStartObject();
        json.WriteString("id", key.Id);
        json.WriteString("tenant", key.Tenant);
        json.WriteString("name", key.Name);
        json.WriteStartArray("scopes");
        foreach (var scope in key.Scopes.ToNames()) json.WriteStringValue(scope);
        json.WriteEndArray();
        json.WriteString("prefix", key.Prefix);
        json.WriteString("created_at", key.CreatedAt.UtcDateTime);
        WriteTime(json, "expires_at", key.ExpiresAt);
        WriteTime(json, "revoked_at", key.RevokedAt);
        WriteTime(json, "last_used_at", key.LastUsedAt);
        if (key.ReplacedBy is null) json.WriteNull("replaced_by");
        else json.WriteString("replaced_by", key.ReplacedBy);
        if (secret is not null) json.WriteString("key", secret);
        json.WriteEndObject();
    }

    public static string ToJson(ApiKey key) => JsonText.Of(json => Write(json, key));

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } value) json.WriteString(name, value.UtcDateTime);
        else json.WriteNull(name);
    }
}
