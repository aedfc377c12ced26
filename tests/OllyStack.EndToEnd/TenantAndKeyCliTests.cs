using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>`ollystack tenant ...` and `ollystack key ...` against a running server, and what the tenants and keys then allow.</summary>
public sealed class TenantAndKeyCliTests : IAsyncLifetime
{
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TenantsAreCreatedShownChangedSuspendedAndDeletedFromTheCli()
    {
        var created = await AdminAsync("tenant", "create", "acme", "--plan", "startup", "--max-events-per-second", "250", "--json");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Equal(250, JsonDocument.Parse(created.Output).RootElement.GetProperty("limits").GetProperty("max_events_per_second").GetInt64());

        var updated = await AdminAsync("tenant", "update", "acme", "--max-events-per-second", "plan", "--sampling-rate", "0.5", "--allowed-features", "metrics,logs", "--json");
        Assert.True(updated.ExitCode == 0, updated.Error);
        var limits = JsonDocument.Parse(updated.Output).RootElement.GetProperty("limits");
        Assert.Equal((1000L, 0.5, 2), (limits.GetProperty("max_events_per_second").GetInt64(), limits.GetProperty("sampling_rate").GetDouble(), limits.GetProperty("allowed_features").GetArrayLength()));

        Assert.Equal(0, (await AdminAsync("tenant", "suspend", "acme")).ExitCode);
        var table = await AdminAsync("tenant", "list");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("acme", table.Output);
        var listed = JsonDocument.Parse((await AdminAsync("tenant", "list", "--json")).Output).RootElement;
        Assert.True(listed.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "acme").GetProperty("suspended").GetBoolean());
        var shown = await AdminAsync("tenant", "show", "acme");
        Assert.Contains("\"suspended\": true", shown.Output);

        var refused = await AdminAsync("tenant", "create", "acme");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("409", refused.Error);
        Assert.Contains("exists already", refused.Error);

        Assert.Equal(0, (await AdminAsync("tenant", "delete", "acme")).ExitCode);
        var gone = await AdminAsync("tenant", "show", "acme");
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("404", gone.Error);
    }

    [Fact]
    public async Task ARotatedKeyWorksBesideItsSuccessorUntilTheOverlapEnds()
    {
        Assert.Equal(0, (await AdminAsync("tenant", "create", "acme", "--plan", "enterprise")).ExitCode);
        var old = JsonDocument.Parse((await AdminAsync("key", "create", "--tenant", "acme", "--scopes", "ingest", "--json")).Output).RootElement;

        var rotated = await AdminAsync("key", "rotate", old.GetProperty("id").GetString()!, "--tenant", "acme", "--overlap", "1h", "--json");
        Assert.True(rotated.ExitCode == 0, rotated.Error);
        var successor = JsonDocument.Parse(rotated.Output).RootElement;

        using (var push = _server.PushClient(old.GetProperty("key").GetString()))
            Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(push, "old-key")).StatusCode);
        using (var push = _server.PushClient(successor.GetProperty("key").GetString()))
            Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(push, "new-key")).StatusCode);
        var keys = JsonDocument.Parse((await AdminAsync("key", "list", "--tenant", "acme", "--json")).Output).RootElement;
        var oldListed = keys.EnumerateArray().Single(k => k.GetProperty("id").GetString() == old.GetProperty("id").GetString());
        Assert.Equal(successor.GetProperty("id").GetString(), oldListed.GetProperty("replaced_by").GetString());
        Assert.True(oldListed.GetProperty("expires_at").GetDateTimeOffset() <= DateTimeOffset.UtcNow.AddHours(1));
        Assert.True(oldListed.GetProperty("last_used_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task ACreatedKeyWritesToItsOwnTenantUntilItIsRevoked()
    {
        Assert.Equal(0, (await AdminAsync("tenant", "create", "acme", "--plan", "enterprise")).ExitCode);
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
        foreach (var file in Directory.GetFiles(_server.DataDir, "controlplane.db*"))
            Assert.DoesNotContain(secret, System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)));

        var revoked = await Cli.RunAsync("key", "revoke", id, "--tenant", "acme", "--server", _server.ApiEndpoint.ToString(), "--data-dir", _server.DataDir);
        Assert.True(revoked.ExitCode == 0, revoked.Error);
        using (var push = _server.PushClient(secret))
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync(push, "after-revoke")).StatusCode);
    }

    [Fact]
    public async Task AnIngestKeyCannotUseTheAdminApi()
    {
        using var admin = _server.ApiClient();
        await ApiRequests.CreateTenantAsync(admin, "shop");
        var response = await admin.PostAsync("/api/v1/admin/tenants/shop/keys", new StringContent("{\"name\":\"writer\",\"scopes\":[\"ingest\"]}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var secret = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("key").GetString();
        using var writer = _server.ApiClient(secret);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("/api/v1/admin/keys")).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = _server.ApiEndpoint };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/admin/keys")).StatusCode);
    }

    private Task<(int ExitCode, string Output, string Error)> AdminAsync(params string[] args) =>
        Cli.RunAsync([.. args, "--server", _server.ApiEndpoint.ToString(), "--admin-key", _server.AdminKey]);

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
