using OllyStack.ControlPlane.Oidc;

namespace OllyStack.Server.Configuration;

/// <summary>
/// The <c>oidc:</c> section: <c>issuer</c> and <c>client_id</c> turn on single sign-on, <c>issuer</c> and
/// <c>audience</c> bearer tokens. As every setting, each is also <c>OLLYSTACK_OIDC_&lt;KEY&gt;</c> and <c>--oidc-&lt;key&gt;</c>.
/// </summary>
internal static class OidcSection
{
    public const string Name = "oidc";

    public static readonly string[] Keys =
    [
        "oidc_issuer", "oidc_client_id", "oidc_client_secret", "oidc_token_endpoint_auth_method", "oidc_audience",
        "oidc_tenant_claim", "oidc_role_claim", "oidc_scopes", "oidc_clock_skew",
    ];

    /// <summary>The provider's settings, or null when no <c>oidc_*</c> setting is given.</summary>
    public static OidcSettings? Build(Dictionary<string, string> s)
    {
        if (!Keys.Any(k => s.GetValueOrDefault(k) is { Length: > 0 })) return null;
        var issuer = s.GetValueOrDefault("oidc_issuer") is { Length: > 0 } text ? text : throw new ConfigurationException("the oidc settings need oidc.issuer, the provider's issuer URL");
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new ConfigurationException($"oidc.issuer must be the provider's http(s) issuer URL, exactly as its tokens' iss claim spells it, not '{issuer}'");
        var defaults = new OidcSettings { Issuer = issuer };
        var settings = defaults with
        {
            ClientId = Optional(s, "oidc_client_id"),
            ClientSecret = Optional(s, "oidc_client_secret"),
            TokenEndpointAuthMethod = Optional(s, "oidc_token_endpoint_auth_method") ?? defaults.TokenEndpointAuthMethod,
            Audience = Optional(s, "oidc_audience"),
            TenantClaim = Optional(s, "oidc_tenant_claim") ?? defaults.TenantClaim,
            RoleClaim = Optional(s, "oidc_role_claim") ?? defaults.RoleClaim,
            Scopes = Optional(s, "oidc_scopes") ?? defaults.Scopes,
            ClockSkew = ServerOptionsLoader.Duration(s, "oidc_clock_skew", defaults.ClockSkew, TimeSpan.Zero),
        };
        if (settings.TokenEndpointAuthMethod is not (OidcSettings.ClientSecretBasic or OidcSettings.ClientSecretPost))
            throw new ConfigurationException($"oidc.token_endpoint_auth_method must be {OidcSettings.ClientSecretBasic} or {OidcSettings.ClientSecretPost}, not '{settings.TokenEndpointAuthMethod}'");
        if (settings.ClientId is null && settings.Audience is null)
            throw new ConfigurationException("oidc needs client_id (single sign-on for the UI), audience (bearer tokens on the API), or both");
        if (settings.ClientId is not null && !settings.Scopes.Split(' ').Contains("openid"))
            throw new ConfigurationException($"oidc.scopes must include 'openid' for single sign-on, not '{settings.Scopes}'");
        return settings;
    }

    private static string? Optional(Dictionary<string, string> s, string key) => s.GetValueOrDefault(key) is { Length: > 0 } value ? value : null;
}
