using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Users;

namespace OllyStack.ControlPlane.Tests.Sessions;

public sealed class SessionTests : AcmeTenantTests
{
    private FixedClock Clock => Fixture.Clock;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);
    }

    [Fact]
    public async Task OnlyTheHashOfTheSessionTokenIsStored()
    {
        var started = await Service.SignInWithPasswordAsync("acme", "alice", Password, null);

        Assert.Equal(43, started.Token.Length);
        var stored = Fixture.Store.FindSession(started.Session.Hash);
        Assert.NotNull(stored);
        Assert.Equal(started.Session, stored);
        var database = File.ReadAllBytes(Path.Combine(Fixture.DataPath, "controlplane.db"))
            .Concat(File.Exists(Path.Combine(Fixture.DataPath, "controlplane.db-wal")) ? File.ReadAllBytes(Path.Combine(Fixture.DataPath, "controlplane.db-wal")) : []);
        Assert.DoesNotContain(started.Token, System.Text.Encoding.ASCII.GetString(database.ToArray()));
    }

    [Fact]
    public async Task ASessionUnusedForTheIdleTimeoutEnds()
    {
        var started = await Service.SignInWithPasswordAsync("acme", "alice", Password, null);

        Clock.Now += ControlPlaneFixture.Identity.SessionIdleTimeout - TimeSpan.FromSeconds(1);
        Assert.NotNull(Service.FindSession(started.Token));
        Clock.Now += ControlPlaneFixture.Identity.SessionIdleTimeout;

        Assert.Null(Service.FindSession(started.Token));
        Assert.Null(Fixture.Store.FindSession(started.Session.Hash));
    }

    [Fact]
    public async Task UseKeepsASessionAliveButNotBeyondItsLifetime()
    {
        var started = await Service.SignInWithPasswordAsync("acme", "alice", Password, null);
        var step = ControlPlaneFixture.Identity.SessionIdleTimeout / 2;

        while (Clock.Now + step < started.Session.ExpiresAt)
        {
            Clock.Now += step;
            Assert.NotNull(Service.FindSession(started.Token));
        }
        Clock.Now = started.Session.ExpiresAt;

        Assert.Null(Service.FindSession(started.Token));
    }

    [Fact]
    public async Task SigningOutEndsTheSessionAndIsAudited()
    {
        var started = await Service.SignInWithPasswordAsync("acme", "alice", Password, "10.0.0.7");
        var active = Service.FindSession(started.Token)!;

        await Service.SignOutAsync(active, "10.0.0.7");
        await Service.FlushAuditAsync();

        Assert.Null(Service.FindSession(started.Token));
        var logout = Fixture.Store.ReadAudit(new AuditQuery(Action: "user.logout")).Single();
        Assert.Equal(("user:acme/alice", "acme/alice", "success"), (logout.Actor, logout.Target, logout.Outcome));
    }

    [Fact]
    public async Task ATokenThatWasNeverIssuedFindsNoSession()
    {
        await Service.SignInWithPasswordAsync("acme", "alice", Password, null);

        Assert.Null(Service.FindSession(SecureToken.New()));
        Assert.Null(Service.FindSession("short"));
    }

    [Fact]
    public async Task ExpiredSessionsAreRemovedFromTheStoreWhenAnotherStarts()
    {
        var old = await Service.SignInWithPasswordAsync("acme", "alice", Password, null);
        Clock.Now += ControlPlaneFixture.Identity.SessionIdleTimeout + TimeSpan.FromMinutes(1);

        await Service.SignInWithPasswordAsync("acme", "alice", Password, null);

        Assert.Null(Fixture.Store.FindSession(old.Session.Hash));
    }

    [Fact]
    public async Task SessionsDoNotChangeTheConfigurationRevision()
    {
        var revision = Fixture.Store.ReadRevision();

        var started = await Service.SignInWithPasswordAsync("acme", "alice", Password, null);
        Clock.Now += TimeSpan.FromMinutes(5);
        Service.FindSession(started.Token);
        await Service.SignOutAsync(Service.FindSession(started.Token)!, null);

        Assert.Equal(revision, Fixture.Store.ReadRevision());
    }
}
