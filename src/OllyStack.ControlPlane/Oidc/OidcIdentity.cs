namespace OllyStack.ControlPlane.Oidc;

/// <summary>
/// Who a validated ID token or access token says the holder is: the provider's subject, the tenant and role claims
/// (the role claim may hold several values; the first that names a role of the tenant counts), and for naming a new
/// user, the e-mail address and preferred user name.
/// </summary>
public sealed record OidcIdentity(
    string Issuer,
    string Subject,
    string Tenant,
    IReadOnlyList<string> Roles,
    string? Email,
    string? PreferredUsername)
{
    public string Actor => "oidc:" + Subject;
}
