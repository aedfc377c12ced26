using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane.Oidc;

/// <summary>
/// Checks a JWT from the provider as OpenID Connect Core 3.1.3.7 and RFC 9068 ask: signed (asymmetric algorithms
/// only, so a token cannot be "signed" with the public key as an HMAC secret) by a key the provider publishes, issued
/// by it, for the expected audience, within <c>nbf</c> and <c>exp</c> give or take the clock skew; then reads who it
/// names. Lifetime is checked here against our clock rather than by the library, which reads the system clock.
/// </summary>
public sealed class OidcTokenValidator(OidcProvider provider)
{
    private static readonly string[] AcceptedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler _handler = new();

    private OidcSettings Settings => provider.Settings;

    /// <summary>An access token for this API (<see cref="OidcSettings.Audience"/>), as a bearer token on a request.</summary>
    /// <exception cref="OidcTokenException">It is not valid, or names no subject or tenant.</exception>
    /// <exception cref="OidcProviderUnavailableException">The provider's keys cannot be read.</exception>
    public async Task<OidcIdentity> ValidateAccessTokenAsync(string token, CancellationToken cancellationToken)
    {
        var audience = Settings.Audience ?? throw new InvalidOperationException("no audience is configured for bearer tokens");
        return IdentityOf(await ValidateAsync(token, audience, cancellationToken));
    }

    /// <summary>An ID token from the code flow: for our client id, and carrying the nonce of the sign-in it answers.</summary>
    public async Task<OidcIdentity> ValidateIdTokenAsync(string token, string nonce, CancellationToken cancellationToken)
    {
        var clientId = Settings.ClientId ?? throw new InvalidOperationException("no client id is configured for single sign-on");
        var jwt = await ValidateAsync(token, clientId, cancellationToken);
        if (!jwt.TryGetPayloadValue<string>("nonce", out var claimed) || claimed != nonce)
            throw new OidcTokenException("the ID token's nonce is not the one this sign-in sent");
        if (jwt.TryGetPayloadValue<string>("azp", out var party) && party != clientId)
            throw new OidcTokenException($"the ID token was issued to '{party}', not to this server's client '{clientId}'");
        return IdentityOf(jwt);
    }

    private async Task<JsonWebToken> ValidateAsync(string token, string audience, CancellationToken cancellationToken)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            throw new OidcTokenException("the token is not a JWT");
        }
        var metadata = await provider.MetadataAsync(jwt.Kid is { Length: > 0 } kid ? kid : null, cancellationToken);
        var result = await _handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = metadata.Keys,
            ValidAlgorithms = AcceptedAlgorithms,
            RequireSignedTokens = true,
            ValidateLifetime = false,
        });
        if (!result.IsValid) throw new OidcTokenException(Reason(result.Exception, metadata.Issuer, audience));
        CheckLifetime(jwt);
        return jwt;
    }

    private void CheckLifetime(JsonWebToken jwt)
    {
        var now = provider.Clock.GetUtcNow();
        var skew = Settings.ClockSkew;
        if (!jwt.TryGetPayloadValue<long>("exp", out var exp)) throw new OidcTokenException("the token has no expiry (exp)");
        if (now - skew >= DateTimeOffset.FromUnixTimeSeconds(exp)) throw new OidcTokenException($"the token expired at {DateTimeOffset.FromUnixTimeSeconds(exp):O}");
        if (jwt.TryGetPayloadValue<long>("nbf", out var nbf) && now + skew < DateTimeOffset.FromUnixTimeSeconds(nbf))
            throw new OidcTokenException($"the token is not valid before {DateTimeOffset.FromUnixTimeSeconds(nbf):O}");
    }

    private OidcIdentity IdentityOf(JsonWebToken jwt)
    {
        var subject = jwt.Subject is { Length: > 0 } sub ? sub : throw new OidcTokenException("the token names no subject (sub)");
        if (!jwt.TryGetPayloadValue<string>(Settings.TenantClaim, out var tenant) || tenant is null)
            throw new OidcTokenException($"the token carries no '{Settings.TenantClaim}' claim naming its tenant");
        if (!TenantName.IsValid(tenant)) throw new OidcTokenException($"the token's '{Settings.TenantClaim}' claim '{tenant}' is not a tenant name");
        return new OidcIdentity(jwt.Issuer, subject, tenant, Roles(jwt), Optional(jwt, "email"), Optional(jwt, "preferred_username"));
    }

    /// <summary>The role claim as one string, or as a list of them (as providers that put group names there send it).</summary>
    private IReadOnlyList<string> Roles(JsonWebToken jwt)
    {
        // Asked for a string, the library hands back a list as its JSON text, so the list is tried first.
        if (jwt.TryGetPayloadValue<string[]>(Settings.RoleClaim, out var roles) && roles is not null) return roles;
        if (jwt.TryGetPayloadValue<string>(Settings.RoleClaim, out var role) && role is not null) return [role];
        return [];
    }

    private static string? Optional(JsonWebToken jwt, string claim) =>
        jwt.TryGetPayloadValue<string>(claim, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>The library's messages hide their details (PII logging is off); this says what a caller can act on.</summary>
    private static string Reason(Exception? error, string issuer, string audience) => error switch
    {
        SecurityTokenInvalidAudienceException => $"the token is not for this server's audience '{audience}'",
        SecurityTokenInvalidIssuerException => $"the token was not issued by '{issuer}'",
        SecurityTokenInvalidAlgorithmException => "the token is signed with an algorithm this server does not accept (RS*, PS* and ES* are)",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not verify against the identity provider's keys",
        _ => $"the token is not valid ({error?.GetType().Name ?? "unknown reason"})",
    };
}
