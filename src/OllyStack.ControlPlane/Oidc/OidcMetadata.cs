using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace OllyStack.ControlPlane.Oidc;

/// <summary>What this server uses of the provider's discovery document, and the signing keys its JWKS held when read.</summary>
public sealed record OidcMetadata(string Issuer, Uri AuthorizationEndpoint, Uri TokenEndpoint, Uri JwksUri, IReadOnlyList<SecurityKey> Keys, DateTimeOffset ReadAt)
{
    /// <summary>Reads the discovery document; it must name <paramref name="expectedIssuer"/> exactly (OpenID Connect Discovery 4.3).</summary>
    /// <exception cref="FormatException">The document lacks an endpoint, or names another issuer.</exception>
    public static (string Issuer, Uri AuthorizationEndpoint, Uri TokenEndpoint, Uri JwksUri) ParseDiscovery(string json, string expectedIssuer)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string Field(string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"the discovery document has no {name}");
        Uri Endpoint(string name) =>
            Uri.TryCreate(Field(name), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri : throw new FormatException($"the discovery document's {name} is not an http(s) URL");
        var issuer = Field("issuer");
        if (issuer != expectedIssuer) throw new FormatException($"the discovery document names the issuer '{issuer}', not '{expectedIssuer}'");
        return (issuer, Endpoint("authorization_endpoint"), Endpoint("token_endpoint"), Endpoint("jwks_uri"));
    }

    public static IReadOnlyList<SecurityKey> ParseKeys(string json) => new JsonWebKeySet(json).GetSigningKeys().ToArray();

    public bool HasKey(string kid) => Keys.Any(k => k.KeyId == kid);
}
