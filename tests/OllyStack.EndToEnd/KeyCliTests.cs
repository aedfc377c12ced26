using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>`ollystack key create|list|revoke` against a running server, and what the keys then allow.</summary>
public sealed class KeyCliTests : IAsyncLifetime
{
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ACreatedKeyWritesToItsOwnTenantUntilItIsRevoked()
    {
        var created = await Cli.RunAsync("key", "create", "--tenant", "acme", "--name", "ci", "--scopes", "ingest", "--json", "--server", _server.ApiEndpoint.ToString(), "--data-dir", _server.DataDir);
        Assert.True(created.ExitCode == 0, created.Error);
        var key = JsonDocument.Parse(created.Output).RootElement;
        var secret = key.GetProperty("key").GetString()!;
        var id = key.GetProperty("id").GetString()!;
        Assert.StartsWith("olly_", secret);

        using (var push = _server.PushClient(secret))
            Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(push, "acme-span")).StatusCode);
        Assert.Contains(WalContents.Spans(_server.DataDir), s => s.Name == "acme-span" && s.Tenant == "acme");

        var listed = await Cli.RunAsync("key", "list", "--tenant", "acme", "--json", "--server", _server.ApiEndpoint.ToString(), "--admin-key", _server.AdminKey);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(id, listed.Output);
        Assert.DoesNotContain(secret, listed.Output);
        Assert.DoesNotContain(secret, await File.ReadAllTextAsync(Path.Combine(_server.DataDir, "keys.json")));

        var revoked = await Cli.RunAsync("key", "revoke", id, "--tenant", "acme", "--server", _server.ApiEndpoint.ToString(), "--data-dir", _server.DataDir);
        Assert.True(revoked.ExitCode == 0, revoked.Error);
        using (var push = _server.PushClient(secret))
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync(push, "after-revoke")).StatusCode);
    }

    [Fact]
    public async Task AnIngestKeyCannotUseTheAdminApi()
    {
        using var admin = _server.ApiClient();
        var response = await admin.PostAsync("/api/v1/admin/tenants/shop/keys", new StringContent("{\"name\":\"writer\",\"scopes\":[\"ingest\"]}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var secret = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("key").GetString();
        using var writer = _server.ApiClient(secret);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("/api/v1/admin/keys")).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = _server.ApiEndpoint };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/admin/keys")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string spanName)
    {
        var json = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cli-test"}}]},
              "scopeSpans":[{"spans":[{"traceId":"0AF7651916CD43DD8448EB211C80319C","spanId":"b7ad6b7169203331",
                "name":"{{{spanName}}}","kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":1700000000100000000}]}]}]}
            """;
        var content = new StringContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return client.PostAsync("/v1/traces", content);
    }
}
