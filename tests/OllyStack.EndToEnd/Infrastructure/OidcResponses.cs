using System.Text.Json;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>The endpoints a relying party reads from /.well-known/openid-configuration.</summary>
internal sealed record OidcDiscovery(string Issuer, Uri AuthorizationEndpoint, Uri TokenEndpoint, Uri JwksUri, Uri UserinfoEndpoint)
{
    public static OidcDiscovery Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        Uri Endpoint(string name) => new(root.GetProperty(name).GetString()!);
        return new OidcDiscovery(root.GetProperty("issuer").GetString()!, Endpoint("authorization_endpoint"), Endpoint("token_endpoint"),
            Endpoint("jwks_uri"), Endpoint("userinfo_endpoint"));
    }
}

/// <summary>A successful token endpoint response. <see cref="IdToken"/> is null when the scope had no "openid".</summary>
internal sealed record OidcTokens(string AccessToken, string TokenType, int ExpiresIn, string? IdToken, string? RefreshToken, string? Scope)
{
    public static OidcTokens Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        string? Optional(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new OidcTokens(root.GetProperty("access_token").GetString()!, root.GetProperty("token_type").GetString()!,
            root.GetProperty("expires_in").GetInt32(), Optional("id_token"), Optional("refresh_token"), Optional("scope"));
    }
}
