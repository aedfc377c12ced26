using System.Buffers.Text;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using OllyStack.ControlPlane.Oidc;

namespace OllyStack.ControlPlane.Tests.Oidc;

public sealed class OidcTokenValidatorTests : IDisposable
{
    private const string Audience = "https://ollystack.test/api";
    private readonly FakeIdentityProvider _idp = new();
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private readonly OidcProvider _provider;
    private readonly OidcTokenValidator _validator;

    public OidcTokenValidatorTests()
    {
        _provider = new OidcProvider(new OidcSettings { Issuer = FakeIdentityProvider.Issuer, ClientId = "ollystack", Audience = Audience }, _clock, _idp);
        _validator = new OidcTokenValidator(_provider);
    }

    public void Dispose() => _provider.Dispose();

    private static Dictionary<string, object> Claims(object? role = null) => new()
    {
        ["sub"] = "alice-1", ["ollystack_tenant"] = "acme", ["ollystack_role"] = role ?? "editor", ["email"] = "alice@acme.test", ["preferred_username"] = "alice",
    };

    private Task<OidcIdentity> ValidateAsync(string token) => _validator.ValidateAccessTokenAsync(token, CancellationToken.None);

    [Fact]
    public async Task AValidAccessTokenNamesItsSubjectTenantRoleAndEmail()
    {
        var identity = await ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now));

        Assert.Equal((FakeIdentityProvider.Issuer, "alice-1", "acme", "alice@acme.test", "alice"),
            (identity.Issuer, identity.Subject, identity.Tenant, identity.Email, identity.PreferredUsername));
        Assert.Equal(["editor"], identity.Roles);
    }

    [Fact]
    public async Task TheRoleClaimMayBeAListOfRoles()
    {
        var identity = await ValidateAsync(_idp.Token(Claims(role: new[] { "staff", "viewer" }), Audience, _clock.Now));

        Assert.Equal(["staff", "viewer"], identity.Roles);
    }

    [Fact]
    public async Task ATokenForAnotherAudienceIsRefused()
    {
        var error = await Assert.ThrowsAsync<OidcTokenException>(() => ValidateAsync(_idp.Token(Claims(), "https://other.test/api", _clock.Now)));

        Assert.Equal($"the token is not for this server's audience '{Audience}'", error.Message);
    }

    [Fact]
    public async Task ATokenFromAnotherIssuerIsRefusedEvenWhenSignedWithTheProvidersKey()
    {
        var error = await Assert.ThrowsAsync<OidcTokenException>(() => ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now, issuer: "https://evil.test")));

        Assert.Equal("the token was not issued by 'https://idp.test'", error.Message);
    }

    [Fact]
    public async Task AnExpiredTokenIsAcceptedWithinTheClockSkewAndRefusedBeyondIt()
    {
        var token = _idp.Token(Claims(), Audience, _clock.Now, TimeSpan.FromMinutes(5));

        _clock.Now += TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(29);
        await ValidateAsync(token);
        _clock.Now += TimeSpan.FromSeconds(1);

        var error = await Assert.ThrowsAsync<OidcTokenException>(() => ValidateAsync(token));
        Assert.Equal("the token expired at 2026-11-24T10:05:00.0000000+00:00", error.Message);
    }

    [Fact]
    public async Task ATokenNotYetValidIsRefused()
    {
        var error = await Assert.ThrowsAsync<OidcTokenException>(() => ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now + TimeSpan.FromMinutes(2))));

        Assert.StartsWith("the token is not valid before", error.Message);
    }

    [Fact]
    public async Task ATokenSignedWithAKeyTheProviderDoesNotPublishIsRefused()
    {
        var forged = _idp.Token(Claims(), Audience, _clock.Now, key: FakeIdentityProvider.NewKey("key-1"));

        var error = await Assert.ThrowsAsync<OidcTokenException>(() => ValidateAsync(forged));

        Assert.Equal("the token's signature does not verify against the identity provider's keys", error.Message);
    }

    [Fact]
    public async Task ATokenWhoseClaimsWereChangedAfterSigningIsRefused()
    {
        var parts = _idp.Token(Claims(), Audience, _clock.Now).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"editor\"", "\"admin\"");
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        var error = await Assert.ThrowsAsync<OidcTokenException>(() => ValidateAsync(tampered));

        Assert.Equal("the token's signature does not verify against the identity provider's keys", error.Message);
    }

    [Fact]
    public async Task AnHmacTokenKeyedWithThePublishedPublicKeyIsRefused()
    {
        var publicKey = _idp.SigningKey.Rsa.ExportSubjectPublicKeyInfo();
        var token = _idp.Token(Claims(), Audience, _clock.Now, key: new SymmetricSecurityKey(publicKey) { KeyId = "key-1" }, algorithm: SecurityAlgorithms.HmacSha256);

        await Assert.ThrowsAsync<OidcTokenException>(() => ValidateAsync(token));
    }

    [Fact]
    public async Task AnUnsignedTokenIsRefused()
    {
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $$"""{"iss":"{{FakeIdentityProvider.Issuer}}","aud":"{{Audience}}","sub":"x","ollystack_tenant":"acme","ollystack_role":"admin","exp":{{_clock.Now.AddHours(1).ToUnixTimeSeconds()}}}"""));

        await Assert.ThrowsAsync<OidcTokenException>(() => ValidateAsync($"{header}.{payload}."));
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("a.b")]
    [InlineData("")]
    public async Task SomethingThatIsNotAJwtIsRefused(string token)
    {
        var error = await Assert.ThrowsAsync<OidcTokenException>(() => ValidateAsync(token));

        Assert.Equal("the token is not a JWT", error.Message);
    }

    [Fact]
    public async Task ATokenWithoutTheTenantClaimIsRefusedNamingTheClaim()
    {
        var claims = Claims();
        claims.Remove("ollystack_tenant");

        var error = await Assert.ThrowsAsync<OidcTokenException>(() => ValidateAsync(_idp.Token(claims, Audience, _clock.Now)));

        Assert.Equal("the token carries no 'ollystack_tenant' claim naming its tenant", error.Message);
    }

    [Fact]
    public async Task TheProvidersKeysAreReadOnceAndAgainWhenATokenNamesANewKey()
    {
        await ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now));
        await ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now));
        Assert.Equal(1, _idp.KeyReads);

        _idp.Rotate("key-2");
        _clock.Now += OidcProvider.MinimumRefreshInterval;
        await ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now));

        Assert.Equal(2, _idp.KeyReads);
    }

    [Fact]
    public async Task MadeUpKeyIdsDoNotMakeTheServerReadTheKeysMoreThanOncePerInterval()
    {
        await ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now));

        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<OidcTokenException>(() => ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now, key: FakeIdentityProvider.NewKey($"made-up-{i}"))));

        Assert.Equal(1, _idp.KeyReads);
    }

    [Fact]
    public async Task AProviderDownAtFirstUseIsAskedAgainASecondLaterAndNotInBetween()
    {
        _idp.Down = true;
        var error = await Assert.ThrowsAsync<OidcProviderUnavailableException>(() => ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now)));
        Assert.Contains("https://idp.test/.well-known/openid-configuration", error.Message);
        _idp.Down = false;
        await Assert.ThrowsAsync<OidcProviderUnavailableException>(() => ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now)));
        Assert.Equal(0, _idp.DiscoveryReads);

        _clock.Now += OidcProvider.FailureRetryInterval;

        Assert.Equal("acme", (await ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now))).Tenant);
    }

    [Fact]
    public async Task WhenARefreshFailsTheKeysReadBeforeStayInUse()
    {
        await ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now));
        _clock.Now += OidcProvider.MaximumAge;
        _idp.Down = true;

        Assert.Equal("acme", (await ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now))).Tenant);
    }

    [Fact]
    public async Task ADiscoveryDocumentNamingAnotherIssuerIsNotTrusted()
    {
        _idp.DiscoveredIssuer = "https://evil.test";

        var error = await Assert.ThrowsAsync<OidcProviderUnavailableException>(() => ValidateAsync(_idp.Token(Claims(), Audience, _clock.Now)));

        Assert.Contains("names the issuer 'https://evil.test', not 'https://idp.test'", error.Message);
    }

    [Fact]
    public async Task AnIdTokenMustCarryTheNonceOfItsSignInAndBeForThisClient()
    {
        var claims = Claims();
        claims["nonce"] = "n-1";
        var idToken = _idp.Token(claims, "ollystack", _clock.Now);

        Assert.Equal("alice-1", (await _validator.ValidateIdTokenAsync(idToken, "n-1", CancellationToken.None)).Subject);
        var nonce = await Assert.ThrowsAsync<OidcTokenException>(() => _validator.ValidateIdTokenAsync(idToken, "n-2", CancellationToken.None));
        Assert.Equal("the ID token's nonce is not the one this sign-in sent", nonce.Message);
        await Assert.ThrowsAsync<OidcTokenException>(() => _validator.ValidateIdTokenAsync(_idp.Token(claims, Audience, _clock.Now), "n-1", CancellationToken.None));
    }
}
