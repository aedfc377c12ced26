using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Oidc;
using OllyStack.ControlPlane.Users;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Tests.Oidc;

/// <summary>What the control plane makes of identities the provider vouches for: sessions for single sign-on, principals for bearer tokens.</summary>
public sealed class SingleSignOnTests : AcmeTenantTests
{
    private static OidcIdentity Alice(string role = "editor", string tenant = "acme", string? email = "alice@acme.test") =>
        new("https://idp.test", "sub-alice", tenant, [role], email, "alice");

    [Fact]
    public async Task TheFirstSignInCreatesTheUserWithTheTenantAndRoleTheProviderGives()
    {
        var started = await Service.SignInExternalAsync(Alice(), "10.0.0.7");

        var user = Service.FindUser("acme", "alice")!;
        Assert.Equal(("editor", "alice@acme.test", new ExternalIdentity("https://idp.test", "sub-alice"), (string?)null),
            (user.Role, user.Email, user.External, user.Password));
        Assert.Equal(new Principal("acme", "user:acme/alice", Service.PermissionsOf("acme", "editor")!.Value), started.Principal);
        Assert.Equal("oidc", started.Session.Method);
        await Service.FlushAuditAsync();
        var entries = Fixture.Store.ReadAudit(new AuditQuery(Tenant: "acme")).Select(e => (e.Action, e.Actor, e.Outcome)).ToList();
        Assert.Contains(("user.create", "oidc:sub-alice", "success"), entries);
        Assert.Contains(("user.login", "user:acme/alice", "success"), entries);
    }

    [Fact]
    public async Task ALaterSignInKeepsTheUserAndTakesTheRoleAndEmailTheProviderGivesNow()
    {
        await Service.SignInExternalAsync(Alice(), null);

        var started = await Service.SignInExternalAsync(Alice(role: "viewer", email: "alice@acme.example"), null);

        Assert.Single(Service.Users("acme"));
        Assert.Equal(("viewer", "alice@acme.example"), (Service.FindUser("acme", "alice")!.Role, Service.FindUser("acme", "alice")!.Email));
        Assert.Equal(Service.PermissionsOf("acme", "viewer"), started.Principal.Permissions);
        Assert.Equal(["user.create", "user.update"], Fixture.Store.ReadAudit(new AuditQuery(Tenant: "acme")).Select(e => e.Action).Where(a => a.StartsWith("user.c") || a.StartsWith("user.u")));
    }

    [Fact]
    public async Task ATenantThatDoesNotExistOrARoleTheTenantLacksIsRefusedAndAudited()
    {
        var tenant = await Assert.ThrowsAsync<SignInRefusedException>(() => Service.SignInExternalAsync(Alice(tenant: "globex"), "10.0.0.7"));
        var role = await Assert.ThrowsAsync<SignInRefusedException>(() => Service.SignInExternalAsync(Alice(role: "owner"), "10.0.0.7"));
        await Service.FlushAuditAsync();

        Assert.Equal("tenant 'globex' named by the identity provider does not exist", tenant.Message);
        Assert.Equal("the identity provider gives role 'owner', which tenant 'acme' does not have", role.Message);
        Assert.Empty(Service.Users());
        var failures = Fixture.Store.ReadAudit(new AuditQuery(Action: "user.login")).Select(e => (e.Actor, e.Outcome)).ToList();
        Assert.Equal([("oidc:sub-alice", "failure: " + tenant.Message), ("oidc:sub-alice", "failure: " + role.Message)], failures);
    }

    [Fact]
    public async Task ALocalUsersNameIsNotTakenOverBySomeoneSigningInWithTheSamePreferredName()
    {
        Service.CreateUser("acme", new NewUser("alice", null, "admin", "correct horse battery staple", false), ControlPlaneFixture.Operator);

        var started = await Service.SignInExternalAsync(Alice(), null);

        Assert.Equal("alice@acme.test", started.Session.User);
        Assert.Equal("admin", Service.FindUser("acme", "alice")!.Role);
        Assert.Null(Service.FindUser("acme", "alice")!.External);
    }

    [Fact]
    public async Task ADisabledSingleSignOnUserCanNeitherSignInNorUseBearerTokens()
    {
        await Service.SignInExternalAsync(Alice(), null);
        Service.UpdateUser("acme", "alice", new UserChange(false, null, null, null, true), ControlPlaneFixture.Operator);

        await Assert.ThrowsAsync<SignInRefusedException>(() => Service.SignInExternalAsync(Alice(), null));
        var bearer = Assert.Throws<SignInRefusedException>(() => Service.ExternalPrincipal(Alice()));

        Assert.Equal("user 'alice' of tenant 'acme' is disabled", bearer.Message);
    }

    [Fact]
    public async Task ABearerTokensPrincipalIsItsTenantWithItsRolesPermissionsAndNamesTheUserOnceProvisioned()
    {
        Service.CreateRole("acme", "shipper", Permissions.IngestWrite, ControlPlaneFixture.Operator);

        var before = Service.ExternalPrincipal(Alice(role: "shipper"));
        await Service.SignInExternalAsync(Alice(role: "shipper"), null);
        var after = Service.ExternalPrincipal(Alice(role: "shipper"));

        Assert.Equal(new Principal("acme", "oidc:sub-alice", Permissions.IngestWrite), before);
        Assert.Equal(new Principal("acme", "user:acme/alice", Permissions.IngestWrite), after);
    }

    [Fact]
    public void ABearerTokenForATenantOrRoleThatDoesNotExistIsRefused()
    {
        Assert.Throws<SignInRefusedException>(() => Service.ExternalPrincipal(Alice(tenant: "globex")));
        Assert.Throws<SignInRefusedException>(() => Service.ExternalPrincipal(Alice(role: "owner")));
        Assert.Throws<SignInRefusedException>(() => Service.ExternalPrincipal(Alice() with { Roles = [] }));
    }

    [Fact]
    public async Task TheFirstRoleTheTenantHasCountsWhenTheProviderGivesSeveral()
    {
        var started = await Service.SignInExternalAsync(Alice() with { Roles = ["staff", "viewer", "admin"] }, null);

        Assert.Equal("viewer", Service.FindUser("acme", started.Session.User)!.Role);
    }
}
