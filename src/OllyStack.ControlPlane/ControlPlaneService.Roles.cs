using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Roles;
using OllyStack.ControlPlane.Store;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane;

/// <summary>Roles: the built-in ones every tenant has, and each tenant's own.</summary>
public sealed partial class ControlPlaneService
{
    /// <summary>The tenant's own roles; the built-in ones are <see cref="BuiltInRoles.All"/>.</summary>
    public IReadOnlyList<Role> Roles(string tenant) => _state.Snapshot.Roles.Where(r => r.Tenant == tenant).ToList();

    public Role? FindRole(string tenant, string name) => _state.Roles.GetValueOrDefault((tenant, name));

    /// <summary>What <paramref name="role"/> grants in <paramref name="tenant"/>; null if the tenant has no such role.</summary>
    public Permissions? PermissionsOf(string tenant, string role) =>
        BuiltInRoles.Find(role) ?? (_state.Roles.TryGetValue((tenant, role), out var custom) ? custom.Permissions : null);

    public Role CreateRole(string tenant, string name, Permissions permissions, AuditActor actor)
    {
        if (!RoleName.IsValid(name))
            throw new ControlPlaneException(ControlPlaneError.Invalid, $"role name '{name}' is invalid: use 1-64 of a-z, 0-9, '-' and '_'");
        if (BuiltInRoles.IsBuiltIn(name))
            throw new ControlPlaneException(ControlPlaneError.Conflict, $"role '{name}' is built in; give the new role another name");
        lock (_writeLock)
        {
            RequireTenant(tenant);
            if (FindRole(tenant, name) is not null)
                throw new ControlPlaneException(ControlPlaneError.Conflict, $"tenant '{tenant}' has a role '{name}' already; change it with PATCH /api/v1/admin/roles/{name}");
            var now = Now();
            var role = new Role(tenant, name, permissions, now, now);
            Commit([new RoleSaved(role)], new AuditEvent(actor, tenant, "role.create", name, "success", After: RoleJson.ToJson(role)));
            return role;
        }
    }

    /// <summary>Gives the role new permissions; its holders have them from their next request.</summary>
    public Role UpdateRole(string tenant, string name, Permissions permissions, AuditActor actor)
    {
        lock (_writeLock)
        {
            var before = RequireRole(tenant, name);
            var after = before with { Permissions = permissions, UpdatedAt = Now() };
            Commit([new RoleSaved(after)], new AuditEvent(actor, tenant, "role.update", name, "success", RoleJson.ToJson(before), RoleJson.ToJson(after)));
            return after;
        }
    }

    /// <summary>Deletes a role nobody holds; a role still held is refused, naming its holders.</summary>
    public void DeleteRole(string tenant, string name, AuditActor actor)
    {
        lock (_writeLock)
        {
            var before = RequireRole(tenant, name);
            var holders = _state.Snapshot.Users.Where(u => u.Tenant == tenant && u.Role == name).Select(u => u.Name).ToList();
            if (holders.Count > 0)
                throw new ControlPlaneException(ControlPlaneError.Conflict,
                    $"role '{name}' is held by {holders.Count} user(s) ({string.Join(", ", holders.Take(5))}{(holders.Count > 5 ? ", ..." : "")}); give them another role first");
            Commit([new RoleDeleted(tenant, name)], new AuditEvent(actor, tenant, "role.delete", name, "success", Before: RoleJson.ToJson(before)));
        }
    }

    private Role RequireRole(string tenant, string name)
    {
        RequireTenant(tenant);
        if (BuiltInRoles.IsBuiltIn(name))
            throw new ControlPlaneException(ControlPlaneError.Conflict, $"role '{name}' is built in and cannot be changed or deleted; create a role of your own instead");
        return FindRole(tenant, name) ?? throw new ControlPlaneException(ControlPlaneError.NotFound, $"tenant '{tenant}' has no role '{name}'");
    }

    /// <summary>Refuses a role the tenant does not have, listing those it has.</summary>
    private void CheckRole(string tenant, string role)
    {
        if (PermissionsOf(tenant, role) is not null) return;
        var roles = BuiltInRoles.All.Select(r => r.Name).Concat(Roles(tenant).Select(r => r.Name));
        throw new ControlPlaneException(ControlPlaneError.Invalid, $"role '{role}' is not a role of tenant '{tenant}'; its roles are {string.Join(", ", roles)}");
    }
}
