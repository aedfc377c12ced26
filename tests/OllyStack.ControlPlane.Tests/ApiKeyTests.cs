using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Tenants;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Tests;

public sealed class ApiKeyTests : AcmeTenantTests
{
    [Fact]
    public void ACreatedKeyAuthenticatesAsItsTenantWithThePermissionsOfItsScopes()
    {
        var created = Service.CreateKey("acme", "collector", KeyScopes.Ingest | KeyScopes.Query, null, ControlPlaneFixture.Operator);

        var principal = Service.Authenticate(created.Key);

        Assert.NotNull(principal);
        Assert.Equal("acme", principal.Tenant);
        Assert.Equal("key:" + created.Info.Id, principal.Actor);
        Assert.Equal(Permissions.IngestWrite | Permissions.MetricsRead | Permissions.LogsRead | Permissions.TracesRead, principal.Permissions);
    }

    [Fact]
    public void KeysAre256RandomBitsWithARecognisablePrefixAndOnlyTheirHashIsStored()
    {
        var created = Service.CreateKey("acme", "ci", KeyScopes.Ingest, null, ControlPlaneFixture.Operator);

        Assert.StartsWith("olly_", created.Key);
        Assert.Equal(32, Convert.FromBase64String(created.Key[5..].Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.Equal(created.Key[..12], created.Info.Prefix);
        Assert.Equal(KeyHash.Of(created.Key), Fixture.Store.Load().Keys.Single(k => k.Id == created.Info.Id).Hash);
        var database = File.ReadAllBytes(Path.Combine(Fixture.DataPath, "controlplane.db"))
            .Concat(File.Exists(Path.Combine(Fixture.DataPath, "controlplane.db-wal")) ? File.ReadAllBytes(Path.Combine(Fixture.DataPath, "controlplane.db-wal")) : []);
        Assert.DoesNotContain(created.Key, System.Text.Encoding.ASCII.GetString(database.ToArray()));
    }

    [Fact]
    public void KeysForATenantThatDoesNotExistAreRefused()
    {
        var error = Assert.Throws<ControlPlaneException>(() => Service.CreateKey("nobody", "ci", KeyScopes.Ingest, null, ControlPlaneFixture.Operator));

        Assert.Equal(ControlPlaneError.NotFound, error.Error);
        Assert.Contains("POST /api/v1/admin/tenants", error.Message);
    }

    [Fact]
    public void ARevokedKeyNoLongerAuthenticatesAndRevokingAgainKeepsTheFirstTime()
    {
        var created = Service.CreateKey("acme", "old", KeyScopes.Ingest, null, ControlPlaneFixture.Operator);
        var first = Service.RevokeKey("acme", created.Info.Id, ControlPlaneFixture.Operator);
        Fixture.Clock.Now += TimeSpan.FromMinutes(5);

        var again = Service.RevokeKey("acme", created.Info.Id, ControlPlaneFixture.Operator);

        Assert.Null(Service.Authenticate(created.Key));
        Assert.Equal(first.RevokedAt, again.RevokedAt);
    }

    [Fact]
    public void AKeyStopsWorkingAtItsExpiry()
    {
        var expiry = Fixture.Clock.Now.AddHours(1);
        var created = Service.CreateKey("acme", "temporary", KeyScopes.Query, expiry, ControlPlaneFixture.Operator);

        Assert.NotNull(Service.Authenticate(created.Key));
        Fixture.Clock.Now = expiry;
        Assert.Null(Service.Authenticate(created.Key));
    }

    [Fact]
    public void AnExpiryInThePastIsRefused()
    {
        var error = Assert.Throws<ControlPlaneException>(() =>
            Service.CreateKey("acme", "late", KeyScopes.Query, Fixture.Clock.Now.AddSeconds(-1), ControlPlaneFixture.Operator));

        Assert.Equal(ControlPlaneError.Invalid, error.Error);
    }

    [Fact]
    public void ARotatedKeyAndItsSuccessorBothWorkDuringTheOverlapThenOnlyTheSuccessor()
    {
        var old = Service.CreateKey("acme", "collector", KeyScopes.Ingest, null, ControlPlaneFixture.Operator);

        var successor = Service.RotateKey("acme", old.Info.Id, TimeSpan.FromHours(2), ControlPlaneFixture.Operator);

        Assert.NotEqual(old.Key, successor.Key);
        Assert.Equal(("acme", "collector", KeyScopes.Ingest), (successor.Info.Tenant, successor.Info.Name, successor.Info.Scopes));
        Assert.NotNull(Service.Authenticate(old.Key));
        Assert.NotNull(Service.Authenticate(successor.Key));
        Assert.Equal(successor.Info.Id, Service.Keys("acme").Single(k => k.Id == old.Info.Id).ReplacedBy);
        Fixture.Clock.Now += TimeSpan.FromHours(2);
        Assert.Null(Service.Authenticate(old.Key));
        Assert.NotNull(Service.Authenticate(successor.Key));
    }

    [Fact]
    public void LastUseIsShownAtOnce()
    {
        var created = Service.CreateKey("acme", "collector", KeyScopes.Ingest, null, ControlPlaneFixture.Operator);
        Fixture.Clock.Now += TimeSpan.FromMinutes(3);
        var usedAt = Fixture.Clock.Now;

        Service.Authenticate(created.Key);

        Assert.Equal(usedAt, Service.Keys("acme").Single().LastUsedAt);
    }

    [Fact]
    public async Task KeysTheirRevocationAndLastUseSurviveARestart()
    {
        var kept = Service.CreateKey("acme", "kept", KeyScopes.Ingest, null, ControlPlaneFixture.Operator);
        var revoked = Service.CreateKey("acme", "revoked", KeyScopes.Ingest, null, ControlPlaneFixture.Operator);
        Service.RevokeKey("acme", revoked.Info.Id, ControlPlaneFixture.Operator);
        Fixture.Clock.Now += TimeSpan.FromMinutes(1);
        Service.Authenticate(kept.Key);

        await Fixture.ReopenAsync();

        Assert.NotNull(Service.Authenticate(kept.Key));
        Assert.Null(Service.Authenticate(revoked.Key));
        Assert.Equal(Fixture.Clock.Now, Service.Keys("acme").Single(k => k.Id == kept.Info.Id).LastUsedAt);
    }

    [Fact]
    public void StringsWithoutThePrefixOrUnknownKeysNeverAuthenticate()
    {
        var created = Service.CreateKey("acme", "collector", KeyScopes.All, null, ControlPlaneFixture.Operator);

        Assert.Null(Service.Authenticate(created.Key.AsSpan(5)));
        Assert.Null(Service.Authenticate(ApiKeyFormat.NewKey()));
        Assert.Null(Service.Authenticate(""));
    }

    [Fact]
    public void AKeyWithoutScopesIsRefused()
    {
        var error = Assert.Throws<ControlPlaneException>(() => Service.CreateKey("acme", "nothing", KeyScopes.None, null, ControlPlaneFixture.Operator));

        Assert.Contains("at least one scope", error.Message);
    }

    [Fact]
    public void ListsCanBeLimitedToOneTenant()
    {
        Service.CreateTenant("globex", Plans.Free, false, TenantLimits.None, ControlPlaneFixture.Operator);
        Service.CreateKey("acme", "one", KeyScopes.Ingest, null, ControlPlaneFixture.Operator);
        Service.CreateKey("globex", "two", KeyScopes.Ingest, null, ControlPlaneFixture.Operator);

        Assert.Equal(["one"], Service.Keys("acme").Select(k => k.Name));
        Assert.Equal(2, Service.Keys().Count);
    }
}
