namespace OllyStack.ControlPlane.Oidc;

/// <summary>
/// The OpenID Connect provider this server trusts (the <c>oidc:</c> section of ollystack.yaml). With a
/// <see cref="ClientId"/>, people sign in to the UI through it; with an <see cref="Audience"/>, its JWT access tokens
/// for that audience are accepted as bearer tokens on the API.
/// </summary>
public sealed record OidcSettings
{
    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";

    /// <summary>The issuer exactly as its tokens' <c>iss</c> claim spells it; discovery is read from below it.</summary>
    public required string Issuer { get; init; }

    /// <summary>This server's client id at the provider; null: no single sign-on.</summary>
    public string? ClientId { get; init; }

    /// <summary>Null for a public client, which then relies on PKCE alone.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>How the secret is sent to the token endpoint: <see cref="ClientSecretBasic"/> or <see cref="ClientSecretPost"/>.</summary>
    public string TokenEndpointAuthMethod { get; init; } = ClientSecretBasic;

    /// <summary>The <c>aud</c> that bearer tokens for this API carry; null: bearer tokens are not accepted.</summary>
    public string? Audience { get; init; }

    public string TenantClaim { get; init; } = "ollystack_tenant";

    public string RoleClaim { get; init; } = "ollystack_role";

    public string Scopes { get; init; } = "openid profile email";

    /// <summary>How far the provider's clock may be from ours when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);
}
