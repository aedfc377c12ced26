using System.Data.Common;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Metering;
using OllyStack.ControlPlane.Roles;
using OllyStack.ControlPlane.Sessions;
using OllyStack.ControlPlane.Store;
using OllyStack.ControlPlane.Tenants;
using OllyStack.ControlPlane.Users;
using OllyStack.Core.Admission;
using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane.Tests.Store;

/// <summary>
/// What every control-plane store does, whatever database is under it; each store has a subclass that runs all of
/// it against a real database of its kind.
/// </summary>
public abstract class ControlPlaneStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, 123, TimeSpan.Zero);
    private static readonly AuditActor Operator = new("key:key_operator", "default", "127.0.0.1");

    private readonly List<IControlPlaneStore> _opened = [];
    private StoreBackend _backend = null!;

    protected abstract Task<StoreBackend> CreateBackendAsync();

    public async Task InitializeAsync() => _backend = await CreateBackendAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) store.Dispose();
        await _backend.DisposeAsync();
    }

    [StoreFact]
    public void AnEmptyDatabaseOpensAtRevisionZeroWithNothingInIt()
    {
        var store = Open();

        var snapshot = store.Load();

        Assert.Equal((0L, 0, 0, 0, 0), (snapshot.Revision, snapshot.Tenants.Count, snapshot.Keys.Count, snapshot.Users.Count, snapshot.Roles.Count));
        Assert.Equal(0, store.ReadRevision());
        Assert.Equal(0, store.LastAuditSequence());
        Assert.Empty(store.ReadAudit(new AuditQuery()));
    }

    [StoreFact]
    public void EverythingCommittedReadsBackAlikeAfterReopening()
    {
        var store = Open();
        var tenant = new Tenant("acme", Plans.Startup, true, new TenantLimits(MaxEventsPerSecond: 500, SamplingRate: 0.25, AllowedFeatures: Features.Metrics | Features.Logs, OverageRate: 0.5m), Now, Now.AddMinutes(1));
        var key = Key("key_000000000001", "acme", Now) with { ExpiresAt = Now.AddDays(30), RevokedAt = Now.AddDays(1), ReplacedBy = "key_000000000002" };
        var alice = new User("acme", "alice", "alice@example.com", "viewer", "pbkdf2-sha256$1000$c2FsdA$aGFzaA", null, false, Now, Now, Now, null);
        var bob = new User("acme", "bob", null, "auditor", null, new ExternalIdentity("https://idp.example.com", "subject-7"), true, Now, Now, null, null);
        var role = new Role("acme", "auditor", Permissions.MetricsRead | Permissions.AuditRead, Now, Now);
        store.Commit([new TenantSaved(tenant), new KeySaved(key), new UserSaved(alice), new UserSaved(bob), new RoleSaved(role)], Event("tenant.create"), Now);
        var before = store.Load();

        store.Dispose();
        var reopened = Open().Load();

        Assert.Equal([tenant], reopened.Tenants);
        Assert.Equal([key], reopened.Keys);
        Assert.Equal([alice, bob], reopened.Users);
        Assert.Equal([role], reopened.Roles);
        Assert.Equal(before.Revision, reopened.Revision);
    }

    [StoreFact]
    public void EveryCommitBumpsTheRevisionAndAppendsItsAuditEntry()
    {
        var store = Open();

        store.Commit([], Event("tenant.update"), Now);
        store.Commit([], Event("tenant.update"), Now);

        Assert.Equal(2, store.ReadRevision());
        Assert.Equal(2, store.Load().Revision);
        Assert.Equal(2, store.LastAuditSequence());
    }

    [StoreFact]
    public void ACommitWhoseWriteFailsChangesNothing()
    {
        var store = Open();

        Assert.ThrowsAny<ArgumentException>(() => store.Commit([new TenantSaved(Tenant("acme")), new UnknownWrite()], Event("tenant.create"), Now));

        Assert.Empty(store.Load().Tenants);
        Assert.Equal(0, store.ReadRevision());
        Assert.Equal(0, store.LastAuditSequence());
    }

    [StoreFact]
    public void KeyUseIsKeptOutsideCommitsAndNeverMovesBack()
    {
        var store = Open();
        var key = Key("key_000000000001", "acme", Now);
        store.Commit([new TenantSaved(Tenant("acme")), new KeySaved(key)], Event("key.create"), Now);

        store.RecordKeyUse([new(key.Id, Now.AddMinutes(5))]);
        store.RecordKeyUse([new(key.Id, Now.AddMinutes(2)), new("key_unknown00000", Now)]);
        store.Commit([new KeySaved(key with { RevokedAt = Now.AddMinutes(9) })], Event("key.revoke"), Now);

        var stored = store.Load().Keys.Single();
        Assert.Equal(Now.AddMinutes(5), stored.LastUsedAt);
        Assert.Equal(Now.AddMinutes(9), stored.RevokedAt);
        Assert.Equal(2, store.ReadRevision());
        Assert.Equal(2, store.LastAuditSequence());
    }

    [StoreFact]
    public void DeletingATenantTakesItsKeysUsersRolesAndSessionsAndNoOtherTenants()
    {
        var store = Open();
        foreach (var name in new[] { "acme", "globex" })
        {
            store.Commit([new TenantSaved(Tenant(name)), new KeySaved(Key($"key_{name}000000", name, Now)), new UserSaved(User(name, "alice")),
                new RoleSaved(new Role(name, "auditor", Permissions.AuditRead, Now, Now))], Event("tenant.create"), Now);
            store.StartSession(Session(name, "alice", (byte)name[0]));
        }

        store.Commit([new TenantDeleted("acme")], Event("tenant.delete"), Now);

        var snapshot = store.Load();
        Assert.Equal(["globex"], snapshot.Tenants.Select(t => t.Name));
        Assert.Equal(["globex"], snapshot.Keys.Select(k => k.Tenant));
        Assert.Equal(["globex"], snapshot.Users.Select(u => u.Tenant));
        Assert.Equal(["globex"], snapshot.Roles.Select(r => r.Tenant));
        Assert.Null(store.FindSession(Session("acme", "alice", (byte)'a').Hash));
        Assert.NotNull(store.FindSession(Session("globex", "alice", (byte)'g').Hash));
    }

    [StoreFact]
    public async Task AuditEntriesOfTwoNodesAppendingAtOnceFormOneChain()
    {
        var nodeA = Open();
        var nodeB = Open();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var commits = Task.Run(async () =>
        {
            await start.Task;
            for (var i = 0; i < 20; i++) nodeA.Commit([new TenantSaved(Tenant($"t{i}"))], Event("tenant.create", $"t{i}"), Now.AddSeconds(i));
        });
        var appends = Task.Run(async () =>
        {
            await start.Task;
            for (var i = 0; i < 20; i++)
                nodeB.Append([(Event("request.denied", $"a{i}"), Now), (Event("request.denied", $"b{i}"), Now), (Event("login", $"c{i}"), Now)]);
        });
        start.SetResult();
        await Task.WhenAll(commits, appends);

        var entries = nodeA.ReadAudit(new AuditQuery(Limit: 1000));
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Null(AuditChain.Verify(entries));
        Assert.Equal(20, nodeB.ReadRevision());
    }

    [StoreFact]
    public void TheDatabaseRefusesToChangeOrDeleteAuditEntries()
    {
        var store = Open();
        store.Commit([new TenantSaved(Tenant("acme"))], Event("tenant.create"), Now);

        var update = Assert.ThrowsAny<DbException>(() => _backend.ExecuteRaw("UPDATE audit SET actor = 'someone else'"));
        var delete = Assert.ThrowsAny<DbException>(() => _backend.ExecuteRaw("DELETE FROM audit"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal("key:key_operator", store.ReadAudit(new AuditQuery()).Single().Actor);
    }

    [StoreFact]
    public void AuditEntriesAreReadByTenantTimeActionAndPage()
    {
        var store = Open();
        for (var i = 0; i < 6; i++)
            store.Append([(new AuditEvent(Operator, i % 2 == 0 ? "acme" : "globex", i < 3 ? "tenant.update" : "key.create", $"target{i}", "success"), Now.AddMinutes(i))]);

        Assert.Equal([1L, 3, 5], store.ReadAudit(new AuditQuery(Tenant: "acme")).Select(e => e.Sequence));
        Assert.Equal([2L, 3, 4], store.ReadAudit(new AuditQuery(From: Now.AddMinutes(1), To: Now.AddMinutes(3))).Select(e => e.Sequence));
        Assert.Equal([4L, 5, 6], store.ReadAudit(new AuditQuery(Action: "key.create")).Select(e => e.Sequence));
        Assert.Equal([3L, 4], store.ReadAudit(new AuditQuery(AfterSequence: 2, Limit: 2)).Select(e => e.Sequence));
        var entry = store.ReadAudit(new AuditQuery(AfterSequence: 4, Limit: 1)).Single();
        Assert.Equal((Now.AddMinutes(4), "key:key_operator", "default", "127.0.0.1", "acme", "target4", 32), (entry.Time, entry.Actor, entry.ActorTenant, entry.Source, entry.Tenant, entry.Target, entry.Hash.Length));
    }

    [StoreFact]
    public void UsageCountersAddUpWhileStoredBytesAreReplacedOnlyWhenMeasured()
    {
        var store = Open();
        var hour = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

        store.AddUsage([Usage("acme", hour, events: 10, hot: 100, warm: -1, cold: -1)]);
        store.AddUsage([Usage("acme", hour, events: 5, hot: -1, warm: 50, cold: -1), Usage("acme", hour, events: 1, hot: -1, warm: -1, cold: -1)]);

        var row = store.ReadUsage("acme", hour, hour.AddHours(1)).Single();
        Assert.Equal(Usage("acme", hour, events: 16, hot: 100, warm: 50, cold: 0), row);
    }

    [StoreFact]
    public void UsageIsReadForOneTenantOrAllWithinAHalfOpenRangeInTenantAndHourOrder()
    {
        var store = Open();
        var hour = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        store.AddUsage([.. from tenant in new[] { "globex", "acme" } from h in new[] { 2, 0, 1 } select Usage(tenant, hour.AddHours(h), 1, 0, 0, 0)]);

        var acme = store.ReadUsage("acme", hour, hour.AddHours(2));
        var all = store.ReadUsage(null, hour.AddHours(1), hour.AddHours(3));

        Assert.Equal([("acme", hour), ("acme", hour.AddHours(1))], acme.Select(u => (u.Tenant, u.Hour)));
        Assert.Equal([("acme", hour.AddHours(1)), ("acme", hour.AddHours(2)), ("globex", hour.AddHours(1)), ("globex", hour.AddHours(2))], all.Select(u => (u.Tenant, u.Hour)));
    }

    [StoreFact]
    public void ASessionRecordsItsUsersLoginAndIsTouchedOnlyForward()
    {
        var store = Open();
        var user = User("acme", "alice");
        store.Commit([new TenantSaved(Tenant("acme")), new UserSaved(user)], Event("user.create"), Now);
        var session = Session("acme", "alice", 1) with { CreatedAt = Now.AddMinutes(1), LastSeenAt = Now.AddMinutes(1) };

        store.StartSession(session);
        store.TouchSession(session.Hash, Now.AddMinutes(5));
        store.TouchSession(session.Hash, Now.AddMinutes(3));
        store.Commit([new UserSaved(user with { Email = "alice@example.com" })], Event("user.update"), Now);

        Assert.Equal(session with { LastSeenAt = Now.AddMinutes(5) }, store.FindSession(session.Hash));
        var stored = store.Load().Users.Single();
        Assert.Equal(("alice@example.com", Now.AddMinutes(1)), (stored.Email, stored.LastLoginAt));
        Assert.Equal(2, store.ReadRevision());
    }

    [StoreFact]
    public void SessionsEndWhenSignedOutExpiredIdleOrTheirUserIsLockedOut()
    {
        var store = Open();
        store.Commit([new TenantSaved(Tenant("acme")), new UserSaved(User("acme", "alice")), new UserSaved(User("acme", "bob"))], Event("user.create"), Now);
        var signedOut = Session("acme", "alice", 1);
        var expired = Session("acme", "alice", 2) with { ExpiresAt = Now.AddHours(1) };
        var idle = Session("acme", "alice", 3) with { LastSeenAt = Now.AddMinutes(-30) };
        var lockedOut = Session("acme", "bob", 4);
        var alive = Session("acme", "alice", 5);
        foreach (var session in new[] { signedOut, expired, idle, lockedOut, alive }) store.StartSession(session);

        store.EndSession(signedOut.Hash);
        store.EndExpiredSessions(Now.AddHours(1), Now.AddMinutes(-10));
        store.Commit([new UserSessionsEnded("acme", "bob")], Event("user.update"), Now);

        Assert.Equal([null, null, null, null, alive], new[] { signedOut, expired, idle, lockedOut, alive }.Select(s => store.FindSession(s.Hash)));
    }

    private IControlPlaneStore Open()
    {
        var store = _backend.Open();
        _opened.Add(store);
        return store;
    }

    private static AuditEvent Event(string action, string target = "acme") => new(Operator, "acme", action, target, "success");

    private static Tenant Tenant(string name) => new(name, Plans.Free, false, TenantLimits.None, Now, Now);

    private static ApiKey Key(string id, string tenant, DateTimeOffset created) =>
        new(id, tenant, "collector", KeyScopes.Ingest | KeyScopes.Query, "olly_abcdefg", KeyHash.Of($"olly_{id}"), created, null, null, null, null);

    private static User User(string tenant, string name) => new(tenant, name, null, "viewer", null, null, false, Now, Now, null, null);

    private static Session Session(string tenant, string user, byte tag) =>
        new(KeyHash.Of($"session-{tenant}-{tag}"), tenant, user, $"csrf-{tag}", "password", "127.0.0.1", Now, Now, Now.AddDays(7));

    private static UsageHour Usage(string tenant, DateTimeOffset hour, long events, long hot, long warm, long cold) =>
        new(tenant, hour, events, events * 100, events, events * 90, 0, 0, 0, 0, events / 5, hot, warm, cold);

    private sealed record UnknownWrite : StoreWrite;
}
