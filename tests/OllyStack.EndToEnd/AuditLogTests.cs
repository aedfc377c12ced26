using System.Net;
using System.Text.Json;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Otlp.Collector.Logs;

namespace OllyStack.EndToEnd;

/// <summary>The audit log through the real binary: what it records, who may read it, and `ollystack audit verify`.</summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ChangesAndRefusedRequestsAreRecordedWithActorSourceAndBeforeAndAfter()
    {
        using var admin = _server.ApiClient();
        await ApiRequests.CreateTenantAsync(admin, "acme", "free");
        using (var patch = await admin.PatchAsync("/api/v1/admin/tenants/acme", new StringContent("""{"plan":"startup"}""")))
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        using var stranger = _server.ApiClient("olly_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/v1/labels")).StatusCode);

        var entries = await PollEntriesAsync(admin, "/api/v1/audit", e => e.Any(x => x.GetProperty("action").GetString() == "request.denied"));

        var update = entries.Single(e => e.GetProperty("action").GetString() == "tenant.update");
        Assert.Equal("127.0.0.1", update.GetProperty("source").GetString());
        Assert.StartsWith("key:", update.GetProperty("actor").GetString());
        Assert.Equal("free", update.GetProperty("before").GetProperty("plan").GetString());
        Assert.Equal("startup", update.GetProperty("after").GetProperty("plan").GetString());
        var denied = entries.Single(e => e.GetProperty("action").GetString() == "request.denied");
        Assert.Equal("anonymous", denied.GetProperty("actor").GetString());
        Assert.Equal("GET /api/v1/labels", denied.GetProperty("target").GetString());
        Assert.StartsWith("401", denied.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task RequestsRefusedAtEveryIngestPortAreRecordedWithCallerSourceAndPath()
    {
        using var admin = _server.ApiClient();
        await ApiRequests.CreateTenantAsync(admin, "acme");
        var queryOnly = await ApiRequests.CreateKeyAsync(admin, "acme", "query");
        using var stranger = _server.PushClient("olly_not-a-key");
        using var reader = _server.PushClient(queryOnly);

        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsync("/v1/logs", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsync("/loki/api/v1/push", Json("""{"streams":[]}"""))).StatusCode);
        var snappy = new ByteArrayContent([0]) { Headers = { ContentType = new("application/x-protobuf") } };
        snappy.Headers.ContentEncoding.Add("snappy");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("/api/v1/write", snappy)).StatusCode);
        using var channel = GrpcChannel.ForAddress(_server.GrpcEndpoint);
        var grpc = await Assert.ThrowsAsync<RpcException>(() => new LogsService.LogsServiceClient(channel)
            .ExportAsync(new ExportLogsServiceRequest(), new Metadata { { "authorization", "Bearer " + queryOnly } }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, grpc.StatusCode);

        var entries = await PollEntriesAsync(admin, "/api/v1/audit?action=request.denied",
            e => e.Count(x => x.GetProperty("action").GetString() == "request.denied") == 4);

        var denied = entries.Where(e => e.GetProperty("action").GetString() == "request.denied")
            .Select(e => (Actor: e.GetProperty("actor").GetString()!, Tenant: e.GetProperty("tenant").GetString(), Source: e.GetProperty("source").GetString(),
                Target: e.GetProperty("target").GetString(), Status: e.GetProperty("outcome").GetString()![..3]))
            .OrderBy(e => e.Target, StringComparer.Ordinal).ToList();
        Assert.All(denied, e => Assert.Equal("127.0.0.1", e.Source));
        Assert.Equal(
            [("POST /api/v1/write", "acme", "403"), ("POST /loki/api/v1/push", "", "401"),
             ("POST /opentelemetry.proto.collector.logs.v1.LogsService/Export", "acme", "403"), ("POST /v1/logs", "", "401")],
            denied.Select(e => (e.Target!, e.Tenant!, e.Status)));
        Assert.All(denied.Where(e => e.Tenant == "acme"), e => Assert.StartsWith("key:", e.Actor));
    }

    [Fact]
    public async Task ATenantsAuditorReadsOnlyItsOwnTenantsEntries()
    {
        using var admin = _server.ApiClient();
        await ApiRequests.CreateTenantAsync(admin, "acme");
        await ApiRequests.CreateTenantAsync(admin, "globex");
        using var acme = _server.ApiClient(await ApiRequests.CreateKeyAsync(admin, "acme", "admin"));

        var entries = JsonDocument.Parse(await acme.GetStringAsync("/api/v1/audit")).RootElement.GetProperty("data").EnumerateArray().ToList();

        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal("acme", e.GetProperty("tenant").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await acme.GetAsync("/api/v1/audit?tenant=globex")).StatusCode);
    }

    [Fact]
    public async Task VerifyPassesOnTheLiveLogAndNamesTheEntryAnEditBroke()
    {
        using (var admin = _server.ApiClient())
        {
            await ApiRequests.CreateTenantAsync(admin, "acme");
            await ApiRequests.CreateKeyAsync(admin, "acme");
        }

        var intact = await Cli.RunAsync("audit", "verify", "--data-dir", _server.DataDir);
        Assert.True(intact.ExitCode == 0, intact.Error);
        Assert.Contains("The audit log is intact", intact.Output);

        await _server.StopAsync();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_server.DataDir, "controlplane.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'someone-else' WHERE action = 'tenant.create' AND target = 'acme';";
            command.ExecuteNonQuery();
        }
        var broken = await Cli.RunAsync("audit", "verify", "--data-dir", _server.DataDir);

        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("the audit log is broken at entry", broken.Error);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<List<JsonElement>> PollEntriesAsync(HttpClient admin, string path, Func<List<JsonElement>, bool> done)
    {
        var entries = new List<JsonElement>();
        await Poll.UntilAsync(async () =>
        {
            entries = JsonDocument.Parse(await admin.GetStringAsync(path)).RootElement.GetProperty("data").EnumerateArray().ToList();
            return done(entries);
        }, TimeSpan.FromSeconds(10), "the refused request in the audit log");
        return entries;
    }
}
