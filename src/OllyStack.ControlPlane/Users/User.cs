namespace OllyStack.ControlPlane.Users;

/// <summary>
/// A person who signs in to one tenant: with a password (<see cref="Password"/> holds its encoded
/// <see cref="PasswordHash"/>), or through the identity provider (<see cref="External"/>; such users are created on
/// their first single sign-on and have no password). What they may do comes from <see cref="Role"/>.
/// </summary>
public sealed record User(
    string Tenant,
    string Name,
    string? Email,
    string Role,
    string? Password,
    ExternalIdentity? External,
    bool Disabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PasswordChangedAt,
    DateTimeOffset? LastLoginAt)
{
    /// <summary>The actor the audit log names for this user's requests.</summary>
    public string Actor => $"user:{Tenant}/{Name}";
}

/// <summary>Who a single sign-on user is at the identity provider: its issuer and the subject it gives the user there.</summary>
public sealed record ExternalIdentity(string Issuer, string Subject);
