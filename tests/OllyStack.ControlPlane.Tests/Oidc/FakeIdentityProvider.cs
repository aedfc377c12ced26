using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OllyStack.ControlPlane.Tests.Oidc;

/// <summary>
/// An OpenID provider answering from memory, as an HTTP handler: discovery, a JWKS of the keys it publishes, and a
/// token endpoint the test scripts. Mints RS256 tokens with whatever claims and times a test needs.
/// </summary>
internal sealed class FakeIdentityProvider : HttpMessageHandler
{
    public const string Issuer = "https://idp.test";

    private readonly List<RsaSecurityKey> _published = [];

    public FakeIdentityProvider()
    {
        SigningKey = NewKey("key-1");
        _published.Add(SigningKey);
    }

    public RsaSecurityKey SigningKey { get; private set; }

    public int DiscoveryReads { get; private set; }

    public int KeyReads { get; private set; }

    /// <summary>While set, every request fails as if the provider were unreachable.</summary>
    public bool Down { get; set; }

    public string DiscoveredIssuer { get; set; } = Issuer;

    /// <summary>Answers POST /token from the request and its form fields.</summary>
    public Func<HttpRequestMessage, IReadOnlyDictionary<string, string>, HttpResponseMessage>? TokenEndpoint { get; set; }

    public static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    /// <summary>Starts signing with a new key, published beside the old ones.</summary>
    public void Rotate(string keyId)
    {
        SigningKey = NewKey(keyId);
        _published.Add(SigningKey);
    }

    public string Token(IDictionary<string, object> claims, string audience, DateTimeOffset issuedAt, TimeSpan? lifetime = null, SecurityKey? key = null,
        string algorithm = SecurityAlgorithms.RsaSha256, string issuer = Issuer) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + (lifetime ?? TimeSpan.FromMinutes(5))).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, algorithm),
        });

    public static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Down) throw new HttpRequestException("connection refused");
        switch (request.RequestUri!.AbsolutePath)
        {
            case "/.well-known/openid-configuration":
                DiscoveryReads++;
                return Json(HttpStatusCode.OK, new Dictionary<string, string>
                {
                    ["issuer"] = DiscoveredIssuer, ["authorization_endpoint"] = Issuer + "/authorize", ["token_endpoint"] = Issuer + "/token",
                    ["jwks_uri"] = Issuer + "/jwks",
                });
            case "/jwks":
                KeyReads++;
                return Json(HttpStatusCode.OK, new { keys = _published.Select(PublicJwk).ToArray() });
            case "/token" when TokenEndpoint is not null:
                var form = (await request.Content!.ReadAsStringAsync(cancellationToken)).Split('&')
                    .Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
                return TokenEndpoint(request, form);
            default:
                return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }

    private static Dictionary<string, string> PublicJwk(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = key.KeyId,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus), ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
    }
}
