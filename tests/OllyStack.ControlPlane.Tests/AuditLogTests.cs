using System.Text.Json;
using Microsoft.Data.Sqlite;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Tenants;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Tests;

public sealed class AuditLogTests : IAsyncLifetime
{
    private readonly ControlPlaneFixture _fixture = new();

    private ControlPlaneService Service => _fixture.Service;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _fixture.DisposeAsync().AsTask();

    [Fact]
    public void EveryChangeIsRecordedWithActorTenantSourceAndBeforeAndAfter()
    {
        Service.CreateTenant("acme", Plans.Free, false, TenantLimits.None, ControlPlaneFixture.Operator);
        _fixture.Clock.Now += TimeSpan.FromMinutes(1);
        Service.UpdateTenant("acme", t => t with { Plan = Plans.Startup }, ControlPlaneFixture.Operator);

        var entries = _fixture.Store.ReadAudit(new AuditQuery(Tenant: "acme"));

        Assert.Equal(["tenant.create", "tenant.update"], entries.Select(e => e.Action));
        var update = entries[1];
        Assert.Equal(("key:key_operator", "default", "127.0.0.1", "acme", "success"), (update.Actor, update.ActorTenant, update.Source, update.Target, update.Outcome));
        Assert.Equal(_fixture.Clock.Now, update.Time);
        Assert.Equal("free", JsonDocument.Parse(update.Before!).RootElement.GetProperty("plan").GetString());
        Assert.Equal("startup", JsonDocument.Parse(update.After!).RootElement.GetProperty("plan").GetString());
    }

    [Fact]
    public void KeyEventsAreRecordedWithoutTheSecret()
    {
        Service.CreateTenant("acme", Plans.Free, false, TenantLimits.None, ControlPlaneFixture.Operator);
        var created = Service.CreateKey("acme", "collector", KeyScopes.Ingest, null, ControlPlaneFixture.Operator);
        Service.RotateKey("acme", created.Info.Id, TimeSpan.FromHours(1), ControlPlaneFixture.Operator);
        Service.RevokeKey("acme", created.Info.Id, ControlPlaneFixture.Operator);

        var entries = _fixture.Store.ReadAudit(new AuditQuery(Tenant: "acme"));

        Assert.Equal(["tenant.create", "key.create", "key.rotate", "key.revoke"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.DoesNotContain(created.Key, (e.Before ?? "") + e.After));
    }

    [Fact]
    public async Task RefusedRequestsAreRecordedInTheBackground()
    {
        await Service.AuditAsync(new AuditEvent(new AuditActor("anonymous", "", "10.0.0.7"), "", "request.denied", "GET /api/v1/query", "401 unknown key"));

        await Service.FlushAuditAsync();

        var denied = _fixture.Store.ReadAudit(new AuditQuery(Action: "request.denied")).Single();
        Assert.Equal(("anonymous", "10.0.0.7", "401 unknown key"), (denied.Actor, denied.Source, denied.Outcome));
    }

    [Fact]
    public void TheChainOfAnUntouchedLogVerifies()
    {
        for (var i = 0; i < 5; i++) Service.CreateTenant($"t{i}", Plans.Free, false, TenantLimits.None, ControlPlaneFixture.Operator);

        var entries = _fixture.Store.ReadAudit(new AuditQuery());

        Assert.Equal(6, entries.Count);
        Assert.Null(AuditChain.Verify(entries));
    }

    [Theory]
    [InlineData("UPDATE audit SET actor = 'someone else' WHERE seq = 2", 2, "does not match its hash")]
    [InlineData("UPDATE audit SET after = replace(after, 'free', 'enterprise') WHERE seq = 3", 3, "does not match its hash")]
    [InlineData("DELETE FROM audit WHERE seq = 2", 2, "is missing")]
    public void TamperingWithTheLogIsDetectedAtTheEntryItTouched(string tampering, long sequence, string reason)
    {
        Service.CreateTenant("acme", Plans.Free, false, TenantLimits.None, ControlPlaneFixture.Operator);
        Service.CreateTenant("globex", Plans.Free, false, TenantLimits.None, ControlPlaneFixture.Operator);
        Service.CreateTenant("initech", Plans.Free, false, TenantLimits.None, ControlPlaneFixture.Operator);
        using (var connection = OpenRaw())
        {
            Execute(connection, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;");
            Execute(connection, tampering);
        }

        var broken = AuditChain.Verify(_fixture.Store.ReadAudit(new AuditQuery()));

        Assert.NotNull(broken);
        Assert.Equal(sequence, broken.Sequence);
        Assert.Contains(reason, broken.Reason);
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_fixture.DataPath, "controlplane.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
