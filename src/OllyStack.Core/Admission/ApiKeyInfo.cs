namespace OllyStack.Core.Admission;

/// <summary>What is kept about an API key; the key itself is only ever stored as a hash.</summary>
public sealed record ApiKeyInfo(
    string Id,
    string Tenant,
    string Name,
    KeyScopes Scopes,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);

/// <summary>A newly created key: the only moment the secret is visible.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Key);
