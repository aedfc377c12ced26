using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Users;
using OllyStack.Core.Admission;

namespace OllyStack.Server.Api;

/// <summary>
/// The users admin API (docs/access-control.md), for principals with users:manage. <c>?tenant=</c> names the tenant
/// (the caller's own when left out; only the operator tenant's principals reach others); listing without it shows every
/// tenant the caller reaches. Passwords are set on create or by PATCH and never returned.
/// </summary>
public static class UserAdminEndpoints
{
    public static void MapUserAdmin(this IEndpointRouteBuilder endpoints, ApiAuthorizer authorizer)
    {
        var controlPlane = authorizer.ControlPlane;
        endpoints.MapGet("/api/v1/admin/users", context => AdminEndpoints.Handle(context, authorizer, Permissions.UsersManage, TenantOf(context), principal =>
        {
            var tenant = TenantOf(context);
            if (tenant is not null) RequireTenant(controlPlane, tenant);
            var users = controlPlane.Users(tenant).Where(u => AdminEndpoints.Reaches(principal, u.Tenant)).ToList();
            return AdminJson.WriteAsync(context, 200, json =>
            {
                json.WriteStartArray();
                foreach (var user in users) UserJson.Write(json, user);
                json.WriteEndArray();
            });
        }));
        endpoints.MapPost("/api/v1/admin/users", context => AdminEndpoints.Handle(context, authorizer, Permissions.UsersManage, TenantOf(context), async principal =>
        {
            var tenant = TenantOf(context) ?? principal.Tenant;
            using var body = await AdminJson.ReadAsync(context);
            if (body is null) return;
            var request = UserRequest.ReadCreate(body.RootElement);
            if (!await Grants.CheckAsync(context, authorizer, principal, controlPlane.PermissionsOf(tenant, request.Role) ?? Permissions.None, $"give the role '{request.Role}'"))
                return;
            var user = controlPlane.CreateUser(tenant, request, ApiAuthorizer.Actor(context, principal));
            await AdminJson.WriteAsync(context, 201, json => UserJson.Write(json, user));
        }));
        endpoints.MapGet("/api/v1/admin/users/{name}", (HttpContext context, string name) =>
            AdminEndpoints.Handle(context, authorizer, Permissions.UsersManage, TenantOf(context), principal =>
            {
                var user = RequireUser(controlPlane, TenantOf(context) ?? principal.Tenant, name);
                return AdminJson.WriteAsync(context, 200, json => UserJson.Write(json, user));
            }));
        endpoints.MapPatch("/api/v1/admin/users/{name}", (HttpContext context, string name) =>
            AdminEndpoints.Handle(context, authorizer, Permissions.UsersManage, TenantOf(context), async principal =>
            {
                var tenant = TenantOf(context) ?? principal.Tenant;
                using var body = await AdminJson.ReadAsync(context);
                if (body is null) return;
                var change = UserRequest.ReadChange(name, body.RootElement);
                var before = RequireUser(controlPlane, tenant, name);
                if (!await Grants.CheckAsync(context, authorizer, principal, controlPlane.PermissionsOf(tenant, before.Role) ?? Permissions.None, $"change the user '{name}'"))
                    return;
                if (change.Role is { } role
                    && !await Grants.CheckAsync(context, authorizer, principal, controlPlane.PermissionsOf(tenant, role) ?? Permissions.None, $"give the role '{role}'"))
                    return;
                var after = controlPlane.UpdateUser(tenant, name, change, ApiAuthorizer.Actor(context, principal));
                await AdminJson.WriteAsync(context, 200, json => UserJson.Write(json, after));
            }));
        endpoints.MapDelete("/api/v1/admin/users/{name}", (HttpContext context, string name) =>
            AdminEndpoints.Handle(context, authorizer, Permissions.UsersManage, TenantOf(context), async principal =>
            {
                var tenant = TenantOf(context) ?? principal.Tenant;
                var before = RequireUser(controlPlane, tenant, name);
                if (!await Grants.CheckAsync(context, authorizer, principal, controlPlane.PermissionsOf(tenant, before.Role) ?? Permissions.None, $"delete the user '{name}'"))
                    return;
                controlPlane.DeleteUser(tenant, name, ApiAuthorizer.Actor(context, principal));
                context.Response.StatusCode = 204;
            }));
    }

    /// <summary>The tenant <c>?tenant=</c> names; null when the request leaves it to the caller's own.</summary>
    internal static string? TenantOf(HttpContext context) => context.Request.Query["tenant"].ToString() is { Length: > 0 } tenant ? tenant : null;

    internal static void RequireTenant(ControlPlaneService controlPlane, string tenant)
    {
        if (controlPlane.FindTenant(tenant) is null) throw new ControlPlaneException(ControlPlaneError.NotFound, $"tenant '{tenant}' does not exist");
    }

    private static User RequireUser(ControlPlaneService controlPlane, string tenant, string name)
    {
        RequireTenant(controlPlane, tenant);
        return controlPlane.FindUser(tenant, name) ?? throw new ControlPlaneException(ControlPlaneError.NotFound, $"tenant '{tenant}' has no user '{name}'");
    }
}
