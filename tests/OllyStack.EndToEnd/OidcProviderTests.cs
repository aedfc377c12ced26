using System.Text.Json;
using System.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>
/// The test OpenID provider (npm oidc-provider) does for a relying party what a real one does: code flow with PKCE,
/// a password-checked login, ID tokens and API access tokens signed with the keys it publishes, carrying tenant and role.
/// </summary>
public sealed class OidcProviderTests : IAsyncLifetime
{
    private const string Api = "http://127.0.0.1:8080";
    private const string Password = "correct horse battery staple";
    private readonly string _callback = $"http://127.0.0.1:{FreePort.Next()}/callback";
    private OidcProviderProcess _provider = null!;

    public async Task InitializeAsync() => _provider = await OidcProviderProcess.StartAsync(new OidcProviderConfig
    {
        Clients =
        [
            new OidcClient("ollystack-web", [_callback]) { ClientSecret = "web-secret" },
            new OidcClient("ollystack-cli", [_callback]),
            new OidcClient("ingest-agent", []) { ClientSecret = "agent-secret", GrantTypes = ["client_credentials"] },
        ],
        Users = [new OidcUser("alice", Password) { Email = "alice@acme.test", Name = "Alice", Tenant = "acme", Role = "editor" }],
        ApiResource = new OidcApiResource(Api),
        TokenLifetimeSeconds = 300,
    });

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [OidcProviderFact]
    public async Task ASignedInUserGetsAnIdTokenSignedWithThePublishedKeysCarryingNonceTenantAndRole()
    {
        var request = new OidcAuthorizationRequest("ollystack-web", _callback);
        using var browser = _provider.CreateBrowser();

        var callback = await browser.LoginAsync(request.ToUri(_provider.Discovery.AuthorizationEndpoint), "alice", Password);
        Assert.StartsWith(_callback + "?", callback.ToString());
        Assert.Equal(request.State, HttpUtility.ParseQueryString(callback.Query)["state"]);
        var tokens = await _provider.RedeemCodeAsync(request, callback);

        var idToken = await ValidateAsync(tokens.IdToken!, audience: "ollystack-web");
        Assert.Equal(_provider.Issuer, _provider.Discovery.Issuer);
        Assert.Equal(request.Nonce, idToken.GetClaim("nonce").Value);
        Assert.Equal("alice", idToken.Subject);
        Assert.Equal("alice@acme.test", idToken.GetClaim("email").Value);
        Assert.Equal("acme", idToken.GetClaim("ollystack_tenant").Value);
        Assert.Equal("editor", idToken.GetClaim("ollystack_role").Value);
    }

    [OidcProviderFact]
    public async Task TheAccessTokenForTheApiIsAJwtCarryingTenantAndRoleForTheConfiguredLifetime()
    {
        var tokens = await _provider.SignInAsync("ollystack-web", "alice", Password, resource: Api);

        var accessToken = await ValidateAsync(tokens.AccessToken, audience: Api);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal("at+jwt", accessToken.Typ);
        Assert.Equal("alice", accessToken.Subject);
        Assert.Equal("ollystack-web", accessToken.GetClaim("client_id").Value);
        Assert.Equal("acme", accessToken.GetClaim("ollystack_tenant").Value);
        Assert.Equal("editor", accessToken.GetClaim("ollystack_role").Value);
        Assert.Equal(TimeSpan.FromSeconds(300), accessToken.ValidTo - accessToken.IssuedAt);
        Assert.Equal(300, tokens.ExpiresIn);
    }

    [OidcProviderFact]
    public async Task APublicClientSignsInWithPkceAloneAndGetsTheApiTokenByDefault()
    {
        var tokens = await _provider.SignInAsync("ollystack-cli", "alice", Password);

        Assert.Equal("acme", (await ValidateAsync(tokens.IdToken!, audience: "ollystack-cli")).GetClaim("ollystack_tenant").Value);
        Assert.Equal("editor", (await ValidateAsync(tokens.AccessToken, audience: Api)).GetClaim("ollystack_role").Value);
    }

    [OidcProviderFact]
    public async Task AClientCredentialsTokenForTheApiIsAJwtWithoutTenantOrRole()
    {
        var tokens = await _provider.ClientCredentialsAsync("ingest-agent");

        var accessToken = await ValidateAsync(tokens.AccessToken, audience: Api);
        Assert.Equal("ingest-agent", accessToken.Subject);
        Assert.False(accessToken.TryGetClaim("ollystack_tenant", out _));
        Assert.False(accessToken.TryGetClaim("ollystack_role", out _));
    }

    [OidcProviderFact]
    public async Task AWrongPasswordGetsTheFormBackWithAnErrorAndNoCode()
    {
        var request = new OidcAuthorizationRequest("ollystack-web", _callback);
        using var browser = _provider.CreateBrowser();

        var rejected = await Assert.ThrowsAsync<OidcLoginRejectedException>(
            () => browser.LoginAsync(request.ToUri(_provider.Discovery.AuthorizationEndpoint), "alice", "wrong password"));
        Assert.Equal("Invalid login or password.", rejected.Message);
    }

    [OidcProviderFact]
    public async Task ACodeIsRedeemedOnlyWithItsOwnVerifier()
    {
        var request = new OidcAuthorizationRequest("ollystack-web", _callback);
        using var browser = _provider.CreateBrowser();
        var callback = await browser.LoginAsync(request.ToUri(_provider.Discovery.AuthorizationEndpoint), "alice", Password);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _provider.RedeemCodeAsync(request with { CodeVerifier = new OidcAuthorizationRequest("x", "y").CodeVerifier }, callback));
        Assert.Contains("invalid_grant", refused.Message);
    }

    [OidcProviderFact]
    public async Task AnAuthorizationRequestWithoutPkceIsSentBackWithAnError()
    {
        var withoutPkce = new Uri($"{_provider.Discovery.AuthorizationEndpoint}?response_type=code&client_id=ollystack-web"
                                  + $"&redirect_uri={Uri.EscapeDataString(_callback)}&scope=openid&state=s1&nonce=n1");
        using var browser = _provider.CreateBrowser();

        var callback = HttpUtility.ParseQueryString((await browser.LoginAsync(withoutPkce, "alice", Password)).Query);
        Assert.Equal("invalid_request", callback["error"]);
        Assert.Contains("PKCE", callback["error_description"]);
        Assert.Null(callback["code"]);
    }

    [OidcProviderFact]
    public async Task ASecondLoginInTheSameBrowserIsSingleSignOnWithoutTheForm()
    {
        using var browser = _provider.CreateBrowser();
        var first = new OidcAuthorizationRequest("ollystack-web", _callback);
        await browser.LoginAsync(first.ToUri(_provider.Discovery.AuthorizationEndpoint), "alice", Password);

        var second = new OidcAuthorizationRequest("ollystack-cli", _callback);
        var callback = await browser.LoginAsync(second.ToUri(_provider.Discovery.AuthorizationEndpoint), "alice", "not asked for again");
        var tokens = await _provider.RedeemCodeAsync(second, callback);
        Assert.Equal("alice", (await ValidateAsync(tokens.IdToken!, audience: "ollystack-cli")).Subject);
    }

    [OidcProviderFact]
    public async Task WithoutAnApiTheAccessTokenIsOpaqueAndUserinfoAndTheIdTokenStillCarryTenantAndRole()
    {
        await using var provider = await OidcProviderProcess.StartAsync(new OidcProviderConfig
        {
            Clients = [new OidcClient("ollystack-web", [_callback]) { ClientSecret = "web-secret" }],
            Users = [new OidcUser("bob", Password) { Tenant = "globex", Role = "viewer" }],
            ClaimNames = new OidcClaimNames { Tenant = "tenant", Role = "role" },
        });

        var tokens = await provider.SignInAsync("ollystack-web", "bob", Password);

        Assert.Equal(2, tokens.IdToken!.Count(c => c == '.'));
        Assert.DoesNotContain('.', tokens.AccessToken);
        var idToken = new JsonWebToken(tokens.IdToken);
        Assert.Equal(("globex", "viewer"), (idToken.GetClaim("tenant").Value, idToken.GetClaim("role").Value));
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        var userinfo = JsonDocument.Parse(await http.GetStringAsync(provider.Discovery.UserinfoEndpoint)).RootElement;
        Assert.Equal(("globex", "viewer"), (userinfo.GetProperty("tenant").GetString(), userinfo.GetProperty("role").GetString()));
    }

    /// <summary>Checks signature (against the JWKS that discovery names), issuer, audience and lifetime, as a relying party or API would.</summary>
    private async Task<JsonWebToken> ValidateAsync(string token, string audience)
    {
        using var http = new HttpClient();
        var keys = new JsonWebKeySet(await http.GetStringAsync(_provider.Discovery.JwksUri));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _provider.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        Assert.True(result.IsValid, $"{result.Exception?.Message}\nprovider log:\n{_provider.Log}");
        return (JsonWebToken)result.SecurityToken;
    }
}
