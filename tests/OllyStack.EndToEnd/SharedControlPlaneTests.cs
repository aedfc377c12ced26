using System.Net;
using System.Text;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Testing;

namespace OllyStack.EndToEnd;

/// <summary>
/// Two `ollystack serve` nodes, each with its own ports and data folder, sharing one PostgreSQL control plane: what
/// an admin does through one node holds on the other within the second the nodes take to poll each other's changes.
/// </summary>
public sealed class SharedControlPlaneTests : IAsyncLifetime
{
    private static readonly TimeSpan Seconds = TimeSpan.FromSeconds(15);

    private PostgresServer? _postgres;
    private ServerProcess? _nodeA;
    private ServerProcess? _nodeB;
    private string _controlPlane = "";

    private ServerProcess NodeA => _nodeA!;

    private ServerProcess NodeB => _nodeB!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        _controlPlane = _postgres.Url(await _postgres.CreateDatabaseAsync());
        _nodeA = await ServerProcess.StartAsync("--control-plane", _controlPlane);
        _nodeB = await ServerProcess.StartAsync("--control-plane", _controlPlane);
    }

    public async Task DisposeAsync()
    {
        if (_nodeB is not null) await _nodeB.DisposeAsync();
        if (_nodeA is not null) await _nodeA.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }

    [PostgresFact]
    public async Task AKeyCreatedThroughOneNodeAdmitsTelemetryOnTheOtherAndItsRevocationReachesBack()
    {
        string key;
        using (var admin = NodeA.ApiClient())
        {
            await ApiRequests.CreateTenantAsync(admin, "acme");
            key = await ApiRequests.CreateKeyAsync(admin, "acme", "ingest,query");
        }
        using var pushToB = NodeB.PushClient(key);
        using var queryB = NodeB.ApiClient(key);

        await Poll.UntilAsync(async () => await PushLogAsync(pushToB) == HttpStatusCode.OK, Seconds, "node B to admit the key created through node A");
        Assert.Equal(HttpStatusCode.OK, (await queryB.GetAsync("/api/v1/labels")).StatusCode);
        // Node A's bootstrap admin key is in the shared store too, so node B takes it.
        using (var adminThroughB = NodeB.ApiClient(NodeA.AdminKey))
            await RevokeOnlyKeyAsync(adminThroughB, "acme");
        using var pushToA = NodeA.PushClient(key);
        await Poll.UntilAsync(async () => await PushLogAsync(pushToA) == HttpStatusCode.Unauthorized, Seconds, "node A to refuse the key revoked through node B");

        var verify = await Cli.RunAsync("audit", "verify", "--control-plane", _controlPlane);
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.Contains("The audit log is intact", verify.Output);
        Assert.DoesNotContain("bootstrap-admin.key", NodeB.Output);
    }

    private static async Task<HttpStatusCode> PushLogAsync(HttpClient push)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var body = $$$"""
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}]},
              "scopeLogs":[{"logRecords":[{"timeUnixNano":"{{{now}}}","body":{"stringValue":"order placed"}}]}]}]}
            """;
        using var response = await push.PostAsync("/v1/logs", new StringContent(body, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    private static async Task RevokeOnlyKeyAsync(HttpClient admin, string tenant)
    {
        var keys = await ApiRequests.DataAsync(admin, $"/api/v1/admin/tenants/{tenant}/keys");
        var id = keys.EnumerateArray().Single().GetProperty("id").GetString();
        using var response = await admin.DeleteAsync($"/api/v1/admin/tenants/{tenant}/keys/{id}");
        Assert.True(response.IsSuccessStatusCode, $"revoking {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
