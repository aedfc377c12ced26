using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// An authorization code request as a relying party makes it: fresh state, nonce and PKCE verifier (S256) each time,
/// kept so the caller can check the callback's state, the ID token's nonce, and redeem the code with the verifier.
/// </summary>
internal sealed record OidcAuthorizationRequest(string ClientId, string RedirectUri)
{
    public string Scope { get; init; } = "openid profile email";

    /// <summary>The resource indicator (RFC 8707) to ask for; null leaves it to the provider's default.</summary>
    public string? Resource { get; init; }

    public string State { get; init; } = RandomToken();

    public string Nonce { get; init; } = RandomToken();

    public string CodeVerifier { get; init; } = RandomToken();

    public string CodeChallenge => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(CodeVerifier)));

    public Uri ToUri(Uri authorizationEndpoint)
    {
        var query = new List<(string, string)>
        {
            ("response_type", "code"), ("client_id", ClientId), ("redirect_uri", RedirectUri), ("scope", Scope), ("state", State),
            ("nonce", Nonce), ("code_challenge", CodeChallenge), ("code_challenge_method", "S256"),
        };
        if (Resource is not null) query.Add(("resource", Resource));
        return new Uri(authorizationEndpoint + "?" + string.Join("&", query.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}")));
    }

    /// <summary>32 random bytes, base64url: 43 characters, a valid PKCE verifier (RFC 7636 asks for 43 to 128).</summary>
    private static string RandomToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
