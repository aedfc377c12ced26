using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using OllyStack.ControlPlane.Oidc;

namespace OllyStack.ControlPlane.Tests.Oidc;

public sealed class OidcCodeFlowTests : IDisposable
{
    private static readonly Uri Callback = new("https://ollystack.test/api/v1/auth/oidc/callback");
    private readonly FakeIdentityProvider _idp = new();
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private OidcProvider _provider = null!;
    private OidcCodeFlow _flow = null!;

    public OidcCodeFlowTests() => Configure(OidcSettings.ClientSecretBasic);

    public void Dispose() => _provider.Dispose();

    private void Configure(string authMethod)
    {
        _provider?.Dispose();
        _provider = new OidcProvider(new OidcSettings
        {
            Issuer = FakeIdentityProvider.Issuer, ClientId = "ollystack", ClientSecret = "s3cret:+/", TokenEndpointAuthMethod = authMethod,
        }, _clock, _idp);
        _flow = new OidcCodeFlow(_provider, new OidcTokenValidator(_provider), Callback);
    }

    /// <summary>The provider's side of a sign-in: checks the verifier against the challenge it was sent, answers with an ID token carrying the nonce.</summary>
    private void IssueIdTokensFor(Uri authorizationUrl, string code, Action<HttpRequestMessage, IReadOnlyDictionary<string, string>>? check = null, string? nonce = null)
    {
        var query = HttpUtility.ParseQueryString(authorizationUrl.Query);
        _idp.TokenEndpoint = (request, form) =>
        {
            check?.Invoke(request, form);
            var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"])));
            if (form["code"] != code || challenge != query["code_challenge"] || form["redirect_uri"] != Callback.ToString())
                return FakeIdentityProvider.Json(HttpStatusCode.BadRequest, new { error = "invalid_grant", error_description = "grant request is invalid" });
            var idToken = _idp.Token(new Dictionary<string, object>
            {
                ["sub"] = "alice-1", ["nonce"] = nonce ?? query["nonce"]!, ["ollystack_tenant"] = "acme", ["ollystack_role"] = "viewer",
            }, "ollystack", _clock.Now);
            return FakeIdentityProvider.Json(HttpStatusCode.OK, new { access_token = "opaque", token_type = "Bearer", expires_in = 300, id_token = idToken });
        };
    }

    [Fact]
    public async Task TheAuthorizationRequestAsksForACodeWithPkceS256StateAndNonceAnsweredInTheQuery()
    {
        var (url, state) = await _flow.StartAsync(CancellationToken.None);

        Assert.StartsWith("https://idp.test/authorize?", url.ToString());
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal(("code", "ollystack", Callback.ToString(), "openid profile email", "S256", "query"),
            (query["response_type"], query["client_id"], query["redirect_uri"], query["scope"], query["code_challenge_method"], query["response_mode"]));
        Assert.Equal(state, query["state"]);
        Assert.Equal(43, query["nonce"]!.Length);
        Assert.Equal(43, query["code_challenge"]!.Length);
        var (_, second) = await _flow.StartAsync(CancellationToken.None);
        Assert.NotEqual(state, second);
    }

    [Fact]
    public async Task CompletingRedeemsTheCodeWithTheVerifierAndTheClientSecretInBasicAuthAndReturnsWhoSignedIn()
    {
        var (url, state) = await _flow.StartAsync(CancellationToken.None);
        string? authorization = null;
        IssueIdTokensFor(url, "code-1", (request, form) =>
        {
            authorization = request.Headers.Authorization?.ToString();
            Assert.False(form.ContainsKey("client_secret"));
        });

        var identity = await _flow.CompleteAsync(state, "code-1", CancellationToken.None);

        Assert.Equal(("alice-1", "acme", "viewer"), (identity.Subject, identity.Tenant, identity.Roles.Single()));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ollystack:s3cret%3A%2B%2F")), authorization);
    }

    [Fact]
    public async Task WithClientSecretPostTheSecretTravelsInTheForm()
    {
        Configure(OidcSettings.ClientSecretPost);
        var (url, state) = await _flow.StartAsync(CancellationToken.None);
        IssueIdTokensFor(url, "code-1", (request, form) =>
        {
            Assert.Null(request.Headers.Authorization);
            Assert.Equal(("ollystack", "s3cret:+/"), (form["client_id"], form["client_secret"]));
        });

        Assert.Equal("alice-1", (await _flow.CompleteAsync(state, "code-1", CancellationToken.None)).Subject);
    }

    [Fact]
    public async Task AStateIsGoodForOneCompletionAndAStateNeverIssuedForNone()
    {
        var (url, state) = await _flow.StartAsync(CancellationToken.None);
        IssueIdTokensFor(url, "code-1");
        await _flow.CompleteAsync(state, "code-1", CancellationToken.None);

        var again = await Assert.ThrowsAsync<OidcTokenException>(() => _flow.CompleteAsync(state, "code-1", CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<OidcTokenException>(() => _flow.CompleteAsync(SecureToken.New(), "code-1", CancellationToken.None));

        Assert.Equal("this sign-in is unknown, expired or already completed; start it again", again.Message);
        Assert.Equal(again.Message, unknown.Message);
    }

    [Fact]
    public async Task ASignInNotCompletedWithinTenMinutesExpires()
    {
        var (url, state) = await _flow.StartAsync(CancellationToken.None);
        IssueIdTokensFor(url, "code-1");

        _clock.Now += OidcCodeFlow.PendingLifetime;

        await Assert.ThrowsAsync<OidcTokenException>(() => _flow.CompleteAsync(state, "code-1", CancellationToken.None));
    }

    [Fact]
    public async Task AnIdTokenCarryingAnotherSignInsNonceIsRefused()
    {
        var (url, state) = await _flow.StartAsync(CancellationToken.None);
        IssueIdTokensFor(url, "code-1", nonce: "someone else's nonce");

        var error = await Assert.ThrowsAsync<OidcTokenException>(() => _flow.CompleteAsync(state, "code-1", CancellationToken.None));

        Assert.Equal("the ID token's nonce is not the one this sign-in sent", error.Message);
    }

    [Fact]
    public async Task TheProvidersRefusalOfTheCodeIsReportedWithItsError()
    {
        var (url, state) = await _flow.StartAsync(CancellationToken.None);
        IssueIdTokensFor(url, "code-1");

        var error = await Assert.ThrowsAsync<OidcTokenException>(() => _flow.CompleteAsync(state, "a code the provider never gave", CancellationToken.None));

        Assert.Equal("the identity provider refused the code: invalid_grant grant request is invalid", error.Message);
    }
}
