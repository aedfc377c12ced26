using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OllyStack.EndToEnd.Compliance;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Prometheus;

namespace OllyStack.EndToEnd;

/// <summary>
/// JWT access tokens from a real OpenID provider on the API: checked against the provider's published keys, issuer,
/// audience and expiry, and read as the tenant and role their claims name.
/// </summary>
public sealed class OidcBearerTokenTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private const string Audience = "https://api.ollystack.test";
    private const int TokenLifetimeSeconds = 10;
    private OidcProviderProcess _provider = null!;
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _provider = await OidcProviderProcess.StartAsync(new OidcProviderConfig
        {
            Clients =
            [
                new OidcClient("ollystack-cli", [$"http://127.0.0.1:{FreePort.Next()}/callback"]),
                new OidcClient("ingest-agent", []) { ClientSecret = "agent-secret", GrantTypes = ["client_credentials"] },
            ],
            Users =
            [
                new OidcUser("alice", Password) { Tenant = "acme", Role = "viewer" },
                new OidcUser("bob", Password) { Tenant = "initech", Role = "viewer" },
            ],
            ApiResource = new OidcApiResource(Audience),
            TokenLifetimeSeconds = TokenLifetimeSeconds,
        });
        // No clock skew, so the expiry test need not wait for it.
        _server = await ServerProcess.StartAsync("--oidc-issuer", _provider.Issuer, "--oidc-audience", Audience, "--oidc-clock-skew", "0s");
        using var admin = _server.ApiClient();
        await ApiRequests.CreateTenantAsync(admin, "acme");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [OidcProviderFact]
    public async Task AnAccessTokenReadsTheApiAsItsTenantWithThePermissionsOfItsRole()
    {
        await WriteMetricsAndWaitUntilAcmeReadsThemAsync();
        var tokens = await _provider.SignInAsync("ollystack-cli", "alice", Password);
        using var api = Client(tokens.AccessToken);

        var names = await ApiRequests.DataAsync(api, "/api/v1/label/__name__/values");
        var me = await ApiRequests.DataAsync(api, "/api/v1/auth/me");
        using var alerts = await api.PutAsync("/api/v1/alertmanager/config", new StringContent("route:\n  receiver: x\n"));

        Assert.Equal(["acme_requests_total"], names.EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(("acme", "oidc:alice", "bearer"), (Text(me, "tenant"), Text(me, "actor"), Text(me, "method")));
        Assert.Equal(["metrics:read", "logs:read", "traces:read"], me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, alerts.StatusCode);
    }

    [OidcProviderFact]
    public async Task TokensForAnotherAudienceTamperedOrExpiredAreRefusedWith401()
    {
        var tokens = await _provider.SignInAsync("ollystack-cli", "alice", Password);
        var parts = tokens.AccessToken.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"viewer\"", "\"admin\"");
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        using (var api = Client(tokens.AccessToken))
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal($"bearer token refused: the token is not for this server's audience '{Audience}'", await RefusalAsync(tokens.IdToken!));
        Assert.Equal("bearer token refused: the token's signature does not verify against the identity provider's keys", await RefusalAsync(tampered));

        string expired = "";
        await Poll.UntilAsync(async () => (expired = await RefusalAsync(tokens.AccessToken)) != "",
            TimeSpan.FromSeconds(TokenLifetimeSeconds + 20), "the access token to expire");
        Assert.StartsWith("bearer token refused: the token expired at", expired);
    }

    [OidcProviderFact]
    public async Task ATokenWithoutATenantOrNamingATenantThatDoesNotExistIsRefused()
    {
        var machine = await _provider.ClientCredentialsAsync("ingest-agent");
        var stranger = await _provider.SignInAsync("ollystack-cli", "bob", Password);

        Assert.Equal("bearer token refused: the token carries no 'ollystack_tenant' claim naming its tenant", await RefusalAsync(machine.AccessToken));
        using var api = Client(stranger.AccessToken);
        using var response = await api.GetAsync("/api/v1/labels");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("tenant 'initech' named by the token does not exist", await ApiRequests.ErrorAsync(response));
    }

    /// <summary>Writes a metric to acme and one to the operator tenant, and waits until acme's own key reads acme's.</summary>
    private async Task WriteMetricsAndWaitUntilAcmeReadsThemAsync()
    {
        using var admin = _server.ApiClient();
        var acmeKey = await ApiRequests.CreateKeyAsync(admin, "acme", "ingest,query");
        foreach (var (key, metric) in new[] { (acmeKey, "acme_requests_total"), (_server.AdminKey, "operator_requests_total") })
        {
            using var push = _server.PushClient(key);
            await RemoteWriter.SendAsync(push, new Uri(_server.OtlpHttpEndpoint, "/api/v1/write"),
                [([new Label { Name = "__name__", Value = metric }], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 1)]);
        }
        using var acme = _server.ApiClient(acmeKey);
        await Poll.UntilAsync(async () => (await ApiRequests.DataAsync(acme, "/api/v1/label/__name__/values")).GetArrayLength() > 0,
            TimeSpan.FromSeconds(30), "acme's metric to be queryable");
    }

    /// <summary>The error of a 401 answer to <paramref name="token"/>; "" if the token was accepted.</summary>
    private async Task<string> RefusalAsync(string token)
    {
        using var api = Client(token);
        using var response = await api.GetAsync("/api/v1/labels");
        if (response.IsSuccessStatusCode) return "";
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return await ApiRequests.ErrorAsync(response);
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = _server.ApiEndpoint };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
