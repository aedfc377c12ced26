using Npgsql;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Store;
using OllyStack.ControlPlane.Tenants;
using OllyStack.Core.Admission;
using OllyStack.Testing;

namespace OllyStack.ControlPlane.Tests.Store;

/// <summary>What only the shared store does: several nodes opening and serving one database at once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresControlPlaneStoreTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly List<IDisposable> _opened = [];
    private PostgresServer _server = null!;
    private PostgresBackend _database = null!;

    public async Task InitializeAsync()
    {
        _server = await postgres.ServerAsync();
        _database = await PostgresBackend.CreateAsync(_server);
    }

    public Task DisposeAsync()
    {
        foreach (var opened in _opened) opened.Dispose();
        return Task.CompletedTask;
    }

    [StoreFact]
    public async Task NodesStartingAtOnceCreateTheSchemaOnce()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var opening = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return Keep(PostgresControlPlaneStore.Open(_database.ConnectionString));
        })).ToList();

        start.SetResult();
        var stores = await Task.WhenAll(opening);

        Assert.Equal(1L, _database.Scalar<long>("SELECT count(*) FROM schema_migrations"));
        Assert.All(stores, store => Assert.Equal(0, store.ReadRevision()));
    }

    [StoreFact]
    public void ADatabaseOfANewerOllystackIsRefused()
    {
        Keep(PostgresControlPlaneStore.Open(_database.ConnectionString));
        _database.ExecuteRaw("INSERT INTO schema_migrations (version) VALUES (99)");

        var error = Assert.Throws<ControlPlaneStoreException>(() => PostgresControlPlaneStore.Open(_database.ConnectionString));

        Assert.Contains("schema version 99, newer than this ollystack knows", error.Message);
    }

    [StoreFact]
    public void TruncatingTheAuditLogIsRefused()
    {
        var store = Keep(PostgresControlPlaneStore.Open(_database.ConnectionString));
        store.Append([(new AuditEvent(AuditActor.System, "", "login", "alice", "success"), DateTimeOffset.UtcNow)]);

        var error = Assert.Throws<PostgresException>(() => _database.ExecuteRaw("TRUNCATE audit"));

        Assert.Contains("append-only", error.MessageText);
        Assert.Equal(1, store.LastAuditSequence());
    }

    [StoreFact]
    public void AReadOnlyStoreReadsTheAuditLogButWritesNothing()
    {
        var store = Keep(PostgresControlPlaneStore.Open(_database.ConnectionString));
        store.Append([(new AuditEvent(AuditActor.System, "", "login", "alice", "success"), DateTimeOffset.UtcNow)]);

        var reader = Keep(PostgresControlPlaneStore.OpenReadOnly(_server.Url(_database.Database)));

        Assert.Equal(1, reader.LastAuditSequence());
        Assert.Null(AuditChain.Verify(reader.ReadAudit(new AuditQuery())));
        var refused = Assert.Throws<PostgresException>(() => reader.Append([(new AuditEvent(AuditActor.System, "", "login", "bob", "success"), DateTimeOffset.UtcNow)]));
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
    }

    [StoreFact]
    public void AReadOnlyOpenOfADatabaseWithoutAControlPlaneSaysSo()
    {
        var error = Assert.Throws<ControlPlaneStoreException>(() => PostgresControlPlaneStore.OpenReadOnly(_database.ConnectionString));

        Assert.Contains($"127.0.0.1:{_server.Port}/{_database.Database} holds no OllyStack control plane", error.Message);
        Assert.Equal(0L, _database.Scalar<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    [StoreFact]
    public void AMissingDatabaseIsNamedWithHowToCreateIt()
    {
        var error = Assert.Throws<ControlPlaneStoreException>(() => PostgresControlPlaneStore.Open(_server.Url("no_such_database")));

        Assert.Contains("has no database 'no_such_database'", error.Message);
        Assert.Contains("createdb no_such_database", error.Message);
    }

    [StoreFact]
    public async Task ATenantCreatedOnOneNodeIsSeenByAnotherWithinSeconds()
    {
        await using var nodeA = ControlPlaneService.Open(Keep(PostgresControlPlaneStore.Open(_database.ConnectionString)), identity: ControlPlaneFixture.Identity);
        await using var nodeB = ControlPlaneService.Open(Keep(PostgresControlPlaneStore.Open(_database.ConnectionString)), identity: ControlPlaneFixture.Identity);

        nodeA.CreateTenant("acme", Plans.Startup, false, TenantLimits.None, ControlPlaneFixture.Operator);
        var key = nodeA.CreateKey("acme", "collector", KeyScopes.Ingest, null, ControlPlaneFixture.Operator);
        await UntilAsync(() => nodeB.Authenticate(key.Key) is not null, "node B to accept the key created on node A");
        nodeB.UpdateTenant("acme", t => t with { Suspended = true }, ControlPlaneFixture.Operator, "tenant.suspend");
        await UntilAsync(() => nodeA.Find("acme")?.Suspended == true, "node A to see the suspension made on node B");

        Assert.Equal("acme", nodeB.Authenticate(key.Key)!.Tenant);
        Assert.Null(AuditChain.Verify(nodeA.Store.ReadAudit(new AuditQuery())));
        Assert.Equal(["tenant.create", "tenant.create", "key.create", "tenant.suspend"], nodeA.Store.ReadAudit(new AuditQuery()).Select(e => e.Action));
    }

    private T Keep<T>(T opened) where T : IDisposable
    {
        lock (_opened) _opened.Add(opened);
        return opened;
    }

    /// <summary>Polls the condition (nodes poll each other's revision every second) until it holds or 15 s pass.</summary>
    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"waited 15 s for {what}");
            await Task.Delay(50);
        }
    }
}
