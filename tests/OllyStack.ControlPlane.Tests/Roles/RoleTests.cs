using System.Text.Json;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Roles;
using OllyStack.ControlPlane.Tenants;
using OllyStack.ControlPlane.Users;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Tests.Roles;

public sealed class RoleTests : AcmeTenantTests
{
    [Theory]
    [InlineData("admin", "metrics:read,logs:read,traces:read,ingest:write,alerts:manage,tenants:manage,users:manage,billing:read,audit:read")]
    [InlineData("editor", "metrics:read,logs:read,traces:read,ingest:write,alerts:manage")]
    [InlineData("viewer", "metrics:read,logs:read,traces:read")]
    public void EveryTenantHasTheBuiltInRoles(string role, string permissions)
    {
        Assert.Equal(permissions, string.Join(",", Service.PermissionsOf("acme", role)!.Value.ToNames()));
    }

    [Fact]
    public void ACustomRoleGrantsItsPermissionsInItsOwnTenantOnly()
    {
        Service.CreateTenant("globex", Plans.Startup, false, TenantLimits.None, ControlPlaneFixture.Operator);

        Service.CreateRole("acme", "auditor", Permissions.AuditRead | Permissions.BillingRead, ControlPlaneFixture.Operator);

        Assert.Equal(Permissions.AuditRead | Permissions.BillingRead, Service.PermissionsOf("acme", "auditor"));
        Assert.Null(Service.PermissionsOf("globex", "auditor"));
        Assert.Null(Service.PermissionsOf("acme", "owner"));
    }

    [Fact]
    public async Task ChangingACustomRoleChangesWhatItsHoldersMayDoFromTheirNextRequest()
    {
        Service.CreateRole("acme", "oncall", Permissions.MetricsRead, ControlPlaneFixture.Operator);
        Service.CreateUser("acme", new NewUser("alice", null, "oncall", Password, false), ControlPlaneFixture.Operator);
        var started = await Service.SignInWithPasswordAsync("acme", "alice", Password, null);

        Service.UpdateRole("acme", "oncall", Permissions.MetricsRead | Permissions.AlertsManage, ControlPlaneFixture.Operator);

        Assert.Equal(Permissions.MetricsRead | Permissions.AlertsManage, Service.FindSession(started.Token)!.Principal.Permissions);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("viewer")]
    public void BuiltInNamesAreReservedAndBuiltInRolesCannotBeChangedOrDeleted(string name)
    {
        var created = Assert.Throws<ControlPlaneException>(() => Service.CreateRole("acme", name, Permissions.MetricsRead, ControlPlaneFixture.Operator));
        var updated = Assert.Throws<ControlPlaneException>(() => Service.UpdateRole("acme", name, Permissions.MetricsRead, ControlPlaneFixture.Operator));
        var deleted = Assert.Throws<ControlPlaneException>(() => Service.DeleteRole("acme", name, ControlPlaneFixture.Operator));

        Assert.All([created, updated, deleted], e => Assert.Equal(ControlPlaneError.Conflict, e.Error));
        Assert.Contains("built in", created.Message);
    }

    [Fact]
    public void ARoleStillHeldCannotBeDeletedAndTheRefusalNamesItsHolders()
    {
        Service.CreateRole("acme", "oncall", Permissions.MetricsRead, ControlPlaneFixture.Operator);
        Service.CreateUser("acme", new NewUser("alice", null, "oncall", Password, false), ControlPlaneFixture.Operator);

        var error = Assert.Throws<ControlPlaneException>(() => Service.DeleteRole("acme", "oncall", ControlPlaneFixture.Operator));

        Assert.Equal(ControlPlaneError.Conflict, error.Error);
        Assert.Equal("role 'oncall' is held by 1 user(s) (alice); give them another role first", error.Message);
        Service.UpdateUser("acme", "alice", new UserChange(false, null, "viewer", null, null), ControlPlaneFixture.Operator);
        Service.DeleteRole("acme", "oncall", ControlPlaneFixture.Operator);
        Assert.Empty(Service.Roles("acme"));
    }

    [Fact]
    public void RoleChangesAreAuditedWithTheirPermissionsBeforeAndAfter()
    {
        Service.CreateRole("acme", "oncall", Permissions.MetricsRead, ControlPlaneFixture.Operator);
        Service.UpdateRole("acme", "oncall", Permissions.LogsRead, ControlPlaneFixture.Operator);
        Service.DeleteRole("acme", "oncall", ControlPlaneFixture.Operator);

        var entries = Fixture.Store.ReadAudit(new AuditQuery(Tenant: "acme")).Where(e => e.Action.StartsWith("role.", StringComparison.Ordinal)).ToList();

        Assert.Equal(["role.create", "role.update", "role.delete"], entries.Select(e => e.Action));
        static string NamesIn(string? json) => string.Join(",", JsonDocument.Parse(json!).RootElement.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(("metrics:read", "logs:read"), (NamesIn(entries[1].Before), NamesIn(entries[1].After)));
    }

    [Fact]
    public async Task CustomRolesSurviveARestart()
    {
        var role = Service.CreateRole("acme", "oncall", Permissions.MetricsRead | Permissions.IngestWrite, ControlPlaneFixture.Operator);

        await Fixture.ReopenAsync();

        Assert.Equal(role, Service.FindRole("acme", "oncall"));
    }

    [Fact]
    public void InvalidRoleNamesAreRefused()
    {
        var error = Assert.Throws<ControlPlaneException>(() => Service.CreateRole("acme", "On Call", Permissions.MetricsRead, ControlPlaneFixture.Operator));

        Assert.Equal(ControlPlaneError.Invalid, error.Error);
    }

    [Fact]
    public void RoleRequestsNameAnUnknownPermission()
    {
        using var body = JsonDocument.Parse("""{"name":"oncall","permissions":["metrics:read","metrics:write"]}""");

        var error = Assert.Throws<ControlPlaneException>(() => RoleRequest.ReadCreate(body.RootElement));

        Assert.StartsWith("unknown permission 'metrics:write'; permissions are metrics:read, logs:read", error.Message);
    }
}
