using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Keys;

/// <summary>The JSON document kept at <c>&lt;data-dir&gt;/keys.json</c>; docs/format/keys.md describes it.</summary>
internal sealed class KeyFileDocument
{
    [JsonPropertyName("version")] public int Version { get; set; } = 1;

    [JsonPropertyName("tenants")] public List<TenantEntry> Tenants { get; set; } = [];

    [JsonPropertyName("keys")] public List<KeyEntry> Keys { get; set; } = [];
}

internal sealed class TenantEntry
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";

    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class KeyEntry
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";

    [JsonPropertyName("tenant")] public string Tenant { get; set; } = "";

    [JsonPropertyName("name")] public string Name { get; set; } = "";

    [JsonPropertyName("scopes")] public List<string> Scopes { get; set; } = [];

    [JsonPropertyName("prefix")] public string Prefix { get; set; } = "";

    [JsonPropertyName("sha256")] public string Sha256 { get; set; } = "";

    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("revoked_at")] public DateTimeOffset? RevokedAt { get; set; }
}

[JsonSerializable(typeof(KeyFileDocument))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class KeyFileJsonContext : JsonSerializerContext;
