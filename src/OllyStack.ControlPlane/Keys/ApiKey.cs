using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Keys;

/// <summary>
/// An API key as the control plane keeps it: never the secret, only its hash and the first characters to tell keys
/// apart. A rotated key points to its successor and expires at the end of the overlap window.
/// </summary>
public sealed record ApiKey(
    string Id,
    string Tenant,
    string Name,
    KeyScopes Scopes,
    string Prefix,
    KeyHash Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    string? ReplacedBy)
{
    public bool IsActiveAt(DateTimeOffset time) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > time);
}

/// <summary>A newly created key: the only moment the secret is visible.</summary>
public sealed record CreatedApiKey(ApiKey Info, string Key);
