using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Roles;
using OllyStack.Core.Admission;

namespace OllyStack.Server.Api;

/// <summary>
/// The roles admin API (docs/access-control.md), for principals with users:manage: a tenant's built-in and own roles;
/// <c>?tenant=</c> names the tenant as for users (the caller's own when left out).
/// </summary>
public static class RoleAdminEndpoints
{
    public static void MapRoleAdmin(this IEndpointRouteBuilder endpoints, ApiAuthorizer authorizer)
    {
        var controlPlane = authorizer.ControlPlane;
        endpoints.MapGet("/api/v1/admin/roles", context => AdminEndpoints.Handle(context, authorizer, Permissions.UsersManage, UserAdminEndpoints.TenantOf(context), principal =>
        {
            var tenant = UserAdminEndpoints.TenantOf(context) ?? principal.Tenant;
            UserAdminEndpoints.RequireTenant(controlPlane, tenant);
            var roles = controlPlane.Roles(tenant);
            return AdminJson.WriteAsync(context, 200, json =>
            {
                json.WriteStartArray();
                foreach (var (name, permissions) in BuiltInRoles.All) RoleJson.WriteBuiltIn(json, tenant, name, permissions);
                foreach (var role in roles) RoleJson.Write(json, role);
                json.WriteEndArray();
            });
        }));
        endpoints.MapPost("/api/v1/admin/roles", context => AdminEndpoints.Handle(context, authorizer, Permissions.UsersManage, UserAdminEndpoints.TenantOf(context), async principal =>
        {
            var tenant = UserAdminEndpoints.TenantOf(context) ?? principal.Tenant;
            using var body = await AdminJson.ReadAsync(context);
            if (body is null) return;
            var (name, permissions) = RoleRequest.ReadCreate(body.RootElement);
            if (!await Grants.CheckAsync(context, authorizer, principal, permissions, $"define the role '{name}'")) return;
            var role = controlPlane.CreateRole(tenant, name, permissions, ApiAuthorizer.Actor(context, principal));
            await AdminJson.WriteAsync(context, 201, json => RoleJson.Write(json, role));
        }));
        endpoints.MapGet("/api/v1/admin/roles/{name}", (HttpContext context, string name) =>
            AdminEndpoints.Handle(context, authorizer, Permissions.UsersManage, UserAdminEndpoints.TenantOf(context), principal =>
            {
                var tenant = UserAdminEndpoints.TenantOf(context) ?? principal.Tenant;
                UserAdminEndpoints.RequireTenant(controlPlane, tenant);
                Action<Utf8JsonWriter> write = BuiltInRoles.Find(name) is { } builtIn
                    ? json => RoleJson.WriteBuiltIn(json, tenant, name, builtIn)
                    : controlPlane.FindRole(tenant, name) is { } role
                        ? json => RoleJson.Write(json, role)
                        : throw new ControlPlaneException(ControlPlaneError.NotFound, $"tenant '{tenant}' has no role '{name}'");
                return AdminJson.WriteAsync(context, 200, write);
            }));
        endpoints.MapPatch("/api/v1/admin/roles/{name}", (HttpContext context, string name) =>
            AdminEndpoints.Handle(context, authorizer, Permissions.UsersManage, UserAdminEndpoints.TenantOf(context), async principal =>
            {
                var tenant = UserAdminEndpoints.TenantOf(context) ?? principal.Tenant;
                using var body = await AdminJson.ReadAsync(context);
                if (body is null) return;
                var permissions = RoleRequest.ReadChange(name, body.RootElement);
                var current = controlPlane.FindRole(tenant, name);
                var involved = (permissions ?? Permissions.None) | (current?.Permissions ?? Permissions.None);
                if (!await Grants.CheckAsync(context, authorizer, principal, involved, $"change the role '{name}'")) return;
                var role = controlPlane.UpdateRole(tenant, name, permissions ?? current?.Permissions ?? Permissions.None, ApiAuthorizer.Actor(context, principal));
                await AdminJson.WriteAsync(context, 200, json => RoleJson.Write(json, role));
            }));
        endpoints.MapDelete("/api/v1/admin/roles/{name}", (HttpContext context, string name) =>
            AdminEndpoints.Handle(context, authorizer, Permissions.UsersManage, UserAdminEndpoints.TenantOf(context), principal =>
            {
                controlPlane.DeleteRole(UserAdminEndpoints.TenantOf(context) ?? principal.Tenant, name, ApiAuthorizer.Actor(context, principal));
                context.Response.StatusCode = 204;
                return Task.CompletedTask;
            }));
    }
}
