using OllyStack.ControlPlane.Keys;

namespace OllyStack.ControlPlane.Sessions;

/// <summary>
/// A signed-in browser, as the store keeps it: the SHA-256 of its cookie token (never the token), whose it is, the
/// CSRF token its state-changing requests must echo, how the user signed in (<c>password</c> or <c>oidc</c>), and
/// when it was started, last used and must end.
/// </summary>
public sealed record Session(
    KeyHash Hash,
    string Tenant,
    string User,
    string CsrfToken,
    string Method,
    string? Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt);
