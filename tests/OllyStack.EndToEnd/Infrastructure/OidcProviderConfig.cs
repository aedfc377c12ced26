using System.Text.Json.Serialization;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// What the test OpenID provider (js/oidc-provider.mjs) knows: its clients, its users, and the API whose access tokens
/// it issues as JWTs. Serialised to the JSON file the script reads (camelCase).
/// </summary>
internal sealed record OidcProviderConfig
{
    public required IReadOnlyList<OidcClient> Clients { get; init; }

    public required IReadOnlyList<OidcUser> Users { get; init; }

    /// <summary>
    /// The API (resource indicator, RFC 8707) whose access tokens are RS256 JWTs with the tenant and role claims.
    /// It is also the default resource: a login that names none gets an access token for it. Null: opaque access
    /// tokens, good only at userinfo.
    /// </summary>
    public OidcApiResource? ApiResource { get; init; }

    public OidcClaimNames ClaimNames { get; init; } = new();

    /// <summary>How long ID and access tokens are valid (their exp minus iat).</summary>
    public int TokenLifetimeSeconds { get; init; } = 3600;
}

/// <summary>The names under which a user's tenant and role appear in ID tokens, userinfo and API access tokens.</summary>
internal sealed record OidcClaimNames
{
    public string Tenant { get; init; } = "ollystack_tenant";

    public string Role { get; init; } = "ollystack_role";
}

/// <summary>
/// A registered client. Redirect URIs are strings because the provider compares them exactly (a <see cref="Uri"/>
/// would add a trailing slash to a bare origin). PKCE (S256) is required of every client.
/// </summary>
internal sealed record OidcClient(string ClientId, IReadOnlyList<string> RedirectUris)
{
    /// <summary>Null: a public client (token endpoint auth method "none").</summary>
    public string? ClientSecret { get; init; }

    /// <summary>For a confidential client: "client_secret_basic" or "client_secret_post" (the provider accepts only the one registered).</summary>
    public string TokenEndpointAuthMethod { get; init; } = "client_secret_basic";

    /// <summary>"authorization_code", "refresh_token" (a refresh token with every code exchange), "client_credentials".</summary>
    public IReadOnlyList<string> GrantTypes { get; init; } = ["authorization_code"];

    [JsonIgnore]
    public bool IsPublic => ClientSecret is null;
}

/// <summary>A user who signs in with <see cref="Id"/> (or <see cref="Email"/>) and <see cref="Password"/>; a null tenant or role leaves that claim out.</summary>
internal sealed record OidcUser(string Id, string Password)
{
    public string? Email { get; init; }

    public string? Name { get; init; }

    public string? Tenant { get; init; }

    public string? Role { get; init; }
}

/// <summary>An API (resource server). <see cref="Audience"/> is both the resource indicator and the JWT's aud, compared exactly.</summary>
internal sealed record OidcApiResource(string Audience)
{
    /// <summary>Scopes the API defines; granted when a client asks for them. None are needed to get a token.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}
