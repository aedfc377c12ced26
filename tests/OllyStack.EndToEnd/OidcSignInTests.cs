using System.Net;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>
/// Single sign-on through a real OpenID provider: the server, configured by its yaml file before the provider even
/// runs, sends the browser there with PKCE, redeems the code the browser brings back, checks the ID token against the
/// provider's keys, creates the user with the tenant and role of its claims, and starts a session.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private const string ClientSecret = "web-secret";
    private readonly int _providerPort = FreePort.Next();
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"ollystack-e2e-oidc-{Guid.NewGuid():N}.yaml");
    private ServerProcess _server = null!;
    private OidcProviderProcess _provider = null!;

    private string Callback => $"http://127.0.0.1:{_server.HttpPort}/api/v1/auth/oidc/callback";

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_config, $"""
            oidc:
              issuer: http://127.0.0.1:{_providerPort}
              client_id: ollystack-web
              client_secret: {ClientSecret}
            """);
        _server = await ServerProcess.StartAsync("--config", _config);
        _provider = await OidcProviderProcess.StartAsync(new OidcProviderConfig
        {
            Clients = [new OidcClient("ollystack-web", [Callback]) { ClientSecret = ClientSecret }],
            Users =
            [
                new OidcUser("alice", Password) { Email = "alice@acme.test", Tenant = "acme", Role = "editor" },
                new OidcUser("victor", Password) { Tenant = "acme", Role = "viewer" },
                new OidcUser("mallory", Password) { Tenant = "initech", Role = "admin" },
            ],
        }, _providerPort);
        using var admin = _server.ApiClient();
        await ApiRequests.CreateTenantAsync(admin, "acme");
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _server.DisposeAsync();
        File.Delete(_config);
    }

    [OidcProviderFact]
    public async Task SigningInThroughTheProviderStartsASessionWithTheTenantAndRoleOfTheClaims()
    {
        using var browser = _provider.CreateBrowser();

        using var landed = await SignInAsync(browser, "alice");

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/", landed.Headers.Location!.OriginalString);
        var me = await MeAsync(browser);
        Assert.Equal(("acme", "user:acme/alice", "session", "alice", "editor", "oidc"),
            (Text(me, "tenant"), Text(me, "actor"), Text(me, "method"), Text(me, "user"), Text(me, "role"), Text(me, "sign_in")));
        using var admin = _server.ApiClient();
        var user = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/admin/users/alice?tenant=acme")).RootElement.GetProperty("data");
        Assert.Equal(("oidc", _provider.Issuer, "alice", "alice@acme.test"), (Text(user, "sign_in"), Text(user, "issuer"), Text(user, "subject"), Text(user, "email")));
        await AuditLogReader.WaitForAsync(_server, e => e is { Action: "user.create", Actor: "oidc:alice", Tenant: "acme" }, "the provisioning to be audited");
        await AuditLogReader.WaitForAsync(_server, e => e is { Action: "user.login", Actor: "user:acme/alice", Outcome: "success" }, "the login to be audited");
    }

    [OidcProviderFact]
    public async Task AViewerSignedInThroughTheProviderCannotCreateKeys()
    {
        using var browser = _provider.CreateBrowser();
        (await SignInAsync(browser, "victor")).Dispose();
        var me = await MeAsync(browser);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.ApiEndpoint, "/api/v1/admin/tenants/acme/keys"))
        {
            Content = new StringContent("""{"name":"mine","scopes":["query"]}"""),
        };
        request.Headers.Add(SignedInBrowser.CsrfHeader, Text(me, "csrf_token"));
        using var refused = await browser.Http.SendAsync(request);

        Assert.Equal("viewer", Text(me, "role"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("user:acme/victor lacks the users:manage permission", await refused.Content.ReadAsStringAsync());
    }

    [OidcProviderFact]
    public async Task ACallbackBroughtByABrowserThatDidNotStartTheSignInIsRefused()
    {
        using var victim = _provider.CreateBrowser();
        using var attacker = _provider.CreateBrowser();
        var callback = await attacker.LoginAsync(new Uri(_server.ApiEndpoint, "/api/v1/auth/oidc/login"), "alice", Password);

        using var response = await victim.Http.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("this sign-in was not started in this browser", await ApiRequests.ErrorAsync(response));
        Assert.DoesNotContain(victim.Cookies.GetCookies(_server.ApiEndpoint), c => c.Name == "ollystack_session");
    }

    [OidcProviderFact]
    public async Task SomeoneTheProviderPlacesInATenantThatDoesNotExistIsRefusedAndAudited()
    {
        using var browser = _provider.CreateBrowser();

        using var landed = await SignInAsync(browser, "mallory");

        Assert.Equal(HttpStatusCode.Forbidden, landed.StatusCode);
        Assert.Equal("tenant 'initech' named by the identity provider does not exist", await ApiRequests.ErrorAsync(landed));
        await AuditLogReader.WaitForAsync(_server, e => e is { Action: "user.login", Actor: "oidc:mallory" } && e.Outcome.StartsWith("failure", StringComparison.Ordinal),
            "the refused login to be audited");
    }

    /// <summary>Opens the server's sign-in in the browser, signs in at the provider, and brings the callback back to the server.</summary>
    private async Task<HttpResponseMessage> SignInAsync(OidcBrowser browser, string login)
    {
        var callback = await browser.LoginAsync(new Uri(_server.ApiEndpoint, "/api/v1/auth/oidc/login"), login, Password);
        Assert.StartsWith(Callback + "?", callback.ToString());
        return await browser.Http.GetAsync(callback);
    }

    private async Task<JsonElement> MeAsync(OidcBrowser browser)
    {
        using var response = await browser.Http.GetAsync(new Uri(_server.ApiEndpoint, "/api/v1/auth/me"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /api/v1/auth/me: {(int)response.StatusCode} {text}\nserver:\n{_server.Output}\nprovider:\n{_provider.Log}");
        return JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
