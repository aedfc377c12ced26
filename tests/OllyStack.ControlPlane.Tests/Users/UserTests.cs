using System.Text;
using System.Text.Json;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Oidc;
using OllyStack.ControlPlane.Tenants;
using OllyStack.ControlPlane.Users;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Tests.Users;

public sealed class UserTests : AcmeTenantTests
{
    [Fact]
    public async Task ACreatedUserSignsInAsItsTenantWithThePermissionsOfItsRole()
    {
        Service.CreateUser("acme", new NewUser("alice", "alice@acme.test", "editor", Password, false), ControlPlaneFixture.Operator);

        var started = await Service.SignInWithPasswordAsync("acme", "alice", Password, "10.0.0.7");

        Assert.Equal(new Principal("acme", "user:acme/alice", Permissions.MetricsRead | Permissions.LogsRead | Permissions.TracesRead
            | Permissions.IngestWrite | Permissions.AlertsManage), started.Principal);
        Assert.Equal(started.Principal, Service.FindSession(started.Token)!.Principal);
        Assert.Equal(Fixture.Clock.Now, Service.FindUser("acme", "alice")!.LastLoginAt);
    }

    [Fact]
    public async Task TheLoginNameIsMatchedWhateverItsCase()
    {
        Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);

        var started = await Service.SignInWithPasswordAsync("acme", "Alice", Password, null);

        Assert.Equal("user:acme/alice", started.Principal.Actor);
    }

    [Theory]
    [InlineData("short pass1")]
    [InlineData("")]
    public void PasswordsShorterThanTwelveCharactersAreRefusedNamingTheField(string password)
    {
        var error = Assert.Throws<ControlPlaneException>(() => Service.CreateUser("acme", new NewUser("alice", null, "viewer", password, false), ControlPlaneFixture.Operator));

        Assert.Equal(ControlPlaneError.Invalid, error.Error);
        Assert.Equal("password must have at least 12 characters", error.Message);
    }

    [Theory]
    [InlineData("Alice", "user name 'Alice' is invalid")]
    [InlineData("al ice", "user name 'al ice' is invalid")]
    public void InvalidNamesAreRefused(string name, string message)
    {
        var error = Assert.Throws<ControlPlaneException>(() => Service.CreateUser("acme", new NewUser(name, null, "viewer", Password, false), ControlPlaneFixture.Operator));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void AnUnknownRoleIsRefusedListingTheTenantsRoles()
    {
        var error = Assert.Throws<ControlPlaneException>(() => Service.CreateUser("acme", new NewUser("alice", null, "owner", Password, false), ControlPlaneFixture.Operator));

        Assert.Equal(ControlPlaneError.Invalid, error.Error);
        Assert.Equal("role 'owner' is not a role of tenant 'acme'; its roles are admin, editor, viewer", error.Message);
    }

    [Fact]
    public void ASecondUserOfTheSameNameInTheTenantIsAConflictButAnotherTenantMayHaveIt()
    {
        Service.CreateTenant("globex", Plans.Startup, false, TenantLimits.None, ControlPlaneFixture.Operator);
        Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);

        var error = Assert.Throws<ControlPlaneException>(() => Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator));
        Service.CreateUser("globex", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);

        Assert.Equal(ControlPlaneError.Conflict, error.Error);
        Assert.Equal(["acme", "globex"], Service.Users().Where(u => u.Name == "alice").Select(u => u.Tenant));
    }

    [Fact]
    public async Task OnlyASaltedHashOfThePasswordIsStoredAndNoAuditEntryHoldsEither()
    {
        var user = Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);
        Service.UpdateUser("acme", "alice", new UserChange(false, null, null, "another long password", null), ControlPlaneFixture.Operator);
        await Service.FlushAuditAsync();

        Assert.StartsWith("$pbkdf2-sha256$i=1000$", user.Password);
        var database = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Fixture.DataPath, "controlplane.db"))
            .Concat(File.Exists(Path.Combine(Fixture.DataPath, "controlplane.db-wal")) ? File.ReadAllBytes(Path.Combine(Fixture.DataPath, "controlplane.db-wal")) : []).ToArray());
        Assert.DoesNotContain(Password, database);
        Assert.DoesNotContain("another long password", database);
        var entries = Fixture.Store.ReadAudit(new AuditQuery(Tenant: "acme"));
        Assert.Equal(["tenant.create", "user.create", "user.password"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.DoesNotContain("pbkdf2", (e.Before ?? "") + e.After));
        var after = JsonDocument.Parse(entries[2].After!).RootElement;
        Assert.Equal(Fixture.Clock.Now.UtcDateTime, after.GetProperty("password_changed_at").GetDateTime());
    }

    [Fact]
    public async Task WrongPasswordsUnknownUsersAndUnknownTenantsAreRefusedAlikeAndEachIsAuditedWithItsReason()
    {
        Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);

        var refusals = new[]
        {
            await Assert.ThrowsAsync<SignInRefusedException>(() => Service.SignInWithPasswordAsync("acme", "alice", "not the password", "10.0.0.7")),
            await Assert.ThrowsAsync<SignInRefusedException>(() => Service.SignInWithPasswordAsync("acme", "bob", Password, "10.0.0.7")),
            await Assert.ThrowsAsync<SignInRefusedException>(() => Service.SignInWithPasswordAsync("nobody", "alice", Password, "10.0.0.7")),
        };
        await Service.FlushAuditAsync();

        Assert.All(refusals, r => Assert.Equal("invalid tenant, user name or password", r.Message));
        var logins = Fixture.Store.ReadAudit(new AuditQuery(Action: "user.login"));
        Assert.Equal(
            [("acme", "acme/alice", "failure: wrong password"), ("acme", "acme/bob", "failure: no such user"), ("", "nobody/alice", "failure: no such user")],
            logins.Select(e => (e.Tenant, e.Target, e.Outcome)));
        Assert.All(logins, e => Assert.Equal(("anonymous", "10.0.0.7"), (e.Actor, e.Source)));
    }

    [Fact]
    public async Task ASuccessfulLoginIsAuditedAsTheUser()
    {
        Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);

        await Service.SignInWithPasswordAsync("acme", "alice", Password, "10.0.0.7");
        await Service.FlushAuditAsync();

        var login = Fixture.Store.ReadAudit(new AuditQuery(Action: "user.login")).Single();
        Assert.Equal(("user:acme/alice", "acme", "10.0.0.7", "acme/alice", "success"), (login.Actor, login.ActorTenant, login.Source, login.Target, login.Outcome));
        Assert.Equal("""{"method":"password"}""", login.After);
    }

    [Fact]
    public async Task DisablingAUserEndsItsSessionsAndRefusesItsLogins()
    {
        Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);
        var started = await Service.SignInWithPasswordAsync("acme", "alice", Password, null);

        Service.UpdateUser("acme", "alice", new UserChange(false, null, null, null, true), ControlPlaneFixture.Operator);

        Assert.Null(Service.FindSession(started.Token));
        await Assert.ThrowsAsync<SignInRefusedException>(() => Service.SignInWithPasswordAsync("acme", "alice", Password, null));
        Assert.Equal("user.disable", Fixture.Store.ReadAudit(new AuditQuery(Tenant: "acme")).Last(e => e.Action.StartsWith("user.", StringComparison.Ordinal) && e.Action != "user.login").Action);
    }

    [Fact]
    public async Task ANewPasswordEndsTheUsersSessionsAndOnlyItSignsInAfterwards()
    {
        Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);
        var started = await Service.SignInWithPasswordAsync("acme", "alice", Password, null);

        Service.UpdateUser("acme", "alice", new UserChange(false, null, null, "a brand new passphrase", null), ControlPlaneFixture.Operator);

        Assert.Null(Service.FindSession(started.Token));
        await Assert.ThrowsAsync<SignInRefusedException>(() => Service.SignInWithPasswordAsync("acme", "alice", Password, null));
        Assert.NotNull(await Service.SignInWithPasswordAsync("acme", "alice", "a brand new passphrase", null));
    }

    [Fact]
    public async Task AChangedRoleAppliesToTheUsersNextRequestWithoutSigningItOut()
    {
        Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);
        var started = await Service.SignInWithPasswordAsync("acme", "alice", Password, null);

        Service.UpdateUser("acme", "alice", new UserChange(false, null, "admin", null, null), ControlPlaneFixture.Operator);

        Assert.Equal(Permissions.All, Service.FindSession(started.Token)!.Principal.Permissions);
    }

    [Fact]
    public async Task DeletingTheTenantDeletesItsUsersAndEndsTheirSessions()
    {
        Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);
        var started = await Service.SignInWithPasswordAsync("acme", "alice", Password, null);

        Service.DeleteTenant("acme", ControlPlaneFixture.Operator);

        Assert.Null(Service.FindSession(started.Token));
        Assert.Null(Fixture.Store.FindSession(started.Session.Hash));
        Assert.Empty(Service.Users());
        Assert.Empty(Fixture.Store.Load().Users);
    }

    [Fact]
    public async Task DeletingAUserEndsItsSessionsAndIsAudited()
    {
        Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);
        var started = await Service.SignInWithPasswordAsync("acme", "alice", Password, null);

        Service.DeleteUser("acme", "alice", ControlPlaneFixture.Operator);

        Assert.Null(Fixture.Store.FindSession(started.Session.Hash));
        var deleted = Fixture.Store.ReadAudit(new AuditQuery(Action: "user.delete")).Single();
        Assert.Equal("alice", JsonDocument.Parse(deleted.Before!).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task UsersAndTheirLastLoginSurviveARestart()
    {
        Service.CreateUser("acme", new NewUser("alice", "alice@acme.test", "editor", Password, false), ControlPlaneFixture.Operator);
        await Service.SignInWithPasswordAsync("acme", "alice", Password, null);
        var before = Service.FindUser("acme", "alice");

        await Fixture.ReopenAsync();

        Assert.Equal(before, Service.FindUser("acme", "alice"));
        Assert.NotNull(await Service.SignInWithPasswordAsync("acme", "alice", Password, null));
    }

    [Fact]
    public async Task APasswordStoredWithFewerIterationsIsStoredAgainWithTodaysAtTheNextLogin()
    {
        Service.CreateUser("acme", new NewUser("alice", null, "viewer", Password, false), ControlPlaneFixture.Operator);
        await using var stronger = ControlPlaneService.Open(Fixture.Store, Fixture.Clock, identity: new IdentityOptions { PasswordIterations = 2_000 });

        await stronger.SignInWithPasswordAsync("acme", "alice", Password, null);

        Assert.StartsWith("$pbkdf2-sha256$i=2000$", stronger.FindUser("acme", "alice")!.Password);
        Assert.Equal("user.password_rehash", Fixture.Store.ReadAudit(new AuditQuery()).Last(e => e.Action != "user.login").Action);
        Assert.NotNull(await stronger.SignInWithPasswordAsync("acme", "alice", Password, null));
    }

    [Fact]
    public async Task ASingleSignOnUserCannotBeGivenAPassword()
    {
        var external = await Service.SignInExternalAsync(new OidcIdentity("https://idp.test", "sub-1", "acme", ["viewer"], null, "carol"), null);

        var error = Assert.Throws<ControlPlaneException>(() =>
            Service.UpdateUser("acme", external.Session.User, new UserChange(false, null, null, "a long enough password", null), ControlPlaneFixture.Operator));

        Assert.Equal(ControlPlaneError.Conflict, error.Error);
    }
}
