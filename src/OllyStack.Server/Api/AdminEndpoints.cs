using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Tenants;
using OllyStack.Core.Admission;
using OllyStack.Query.PromQL;

namespace OllyStack.Server.Api;

/// <summary>
/// The admin API for tenants and API keys (docs/admin-api.md). Tenants are managed by the operator tenant's
/// principals with <c>tenants:manage</c>; keys by any principal with <c>users:manage</c> within its own tenant,
/// and by the operator tenant's within every tenant.
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder endpoints, ApiAuthorizer authorizer)
    {
        var controlPlane = authorizer.ControlPlane;
        endpoints.MapGet("/api/v1/admin/tenants", context => Handle(context, authorizer, Permissions.TenantsManage, null, principal =>
            AdminJson.WriteAsync(context, 200, json =>
            {
                json.WriteStartArray();
                foreach (var tenant in controlPlane.Tenants.Where(t => Reaches(principal, t.Name))) TenantJson.Write(json, tenant);
                json.WriteEndArray();
            })));
        endpoints.MapPost("/api/v1/admin/tenants", context => HandleOperator(context, authorizer, async principal =>
        {
            using var body = await AdminJson.ReadAsync(context);
            if (body is null) return;
            var (name, plan, suspended, overrides) = TenantRequest.ReadCreate(body.RootElement);
            var tenant = controlPlane.CreateTenant(name, plan, suspended, overrides, ApiAuthorizer.Actor(context, principal));
            await AdminJson.WriteAsync(context, 201, json => TenantJson.Write(json, tenant));
        }));
        endpoints.MapGet("/api/v1/admin/tenants/{tenant}", (HttpContext context, string tenant) =>
            Handle(context, authorizer, Permissions.TenantsManage, tenant, _ =>
            {
                var found = Require(controlPlane, tenant);
                return AdminJson.WriteAsync(context, 200, json => TenantJson.Write(json, found));
            }));
        endpoints.MapPatch("/api/v1/admin/tenants/{tenant}", (HttpContext context, string tenant) => HandleOperator(context, authorizer, async principal =>
        {
            using var body = await AdminJson.ReadAsync(context);
            if (body is null) return;
            var change = TenantRequest.ReadChange(tenant, body.RootElement);
            var before = Require(controlPlane, tenant);
            var action = change(before).Suspended == before.Suspended ? "tenant.update" : before.Suspended ? "tenant.resume" : "tenant.suspend";
            var after = controlPlane.UpdateTenant(tenant, change, ApiAuthorizer.Actor(context, principal), action);
            await AdminJson.WriteAsync(context, 200, json => TenantJson.Write(json, after));
        }));
        endpoints.MapDelete("/api/v1/admin/tenants/{tenant}", (HttpContext context, string tenant) => HandleOperator(context, authorizer, principal =>
        {
            controlPlane.DeleteTenant(tenant, ApiAuthorizer.Actor(context, principal));
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        }));
        MapKeys(endpoints, authorizer);
    }

    private static void MapKeys(IEndpointRouteBuilder endpoints, ApiAuthorizer authorizer)
    {
        var controlPlane = authorizer.ControlPlane;
        endpoints.MapGet("/api/v1/admin/keys", context => Handle(context, authorizer, Permissions.UsersManage, null, principal =>
            WriteKeysAsync(context, controlPlane.Keys().Where(k => Reaches(principal, k.Tenant)))));
        endpoints.MapGet("/api/v1/admin/tenants/{tenant}/keys", (HttpContext context, string tenant) =>
            Handle(context, authorizer, Permissions.UsersManage, tenant, _ =>
            {
                Require(controlPlane, tenant);
                return WriteKeysAsync(context, controlPlane.Keys(tenant));
            }));
        endpoints.MapPost("/api/v1/admin/tenants/{tenant}/keys", (HttpContext context, string tenant) =>
            Handle(context, authorizer, Permissions.UsersManage, tenant, async principal =>
            {
                using var body = await AdminJson.ReadAsync(context);
                if (body is null) return;
                var (name, scopes, expiresAt) = KeyRequest.ReadCreate(body.RootElement);
                var created = controlPlane.CreateKey(tenant, name, scopes, expiresAt, ApiAuthorizer.Actor(context, principal));
                await AdminJson.WriteAsync(context, 201, json => ApiKeyJson.Write(json, created.Info, created.Key));
            }));
        endpoints.MapPost("/api/v1/admin/tenants/{tenant}/keys/{id}/rotate", (HttpContext context, string tenant, string id) =>
            Handle(context, authorizer, Permissions.UsersManage, tenant, async principal =>
            {
                using var body = await AdminJson.ReadAsync(context);
                if (body is null) return;
                var overlap = KeyRequest.ReadOverlap(body.RootElement) is { } text ? Overlap(text) : KeyRequest.DefaultOverlap;
                var created = controlPlane.RotateKey(tenant, id, overlap, ApiAuthorizer.Actor(context, principal));
                await AdminJson.WriteAsync(context, 201, json => ApiKeyJson.Write(json, created.Info, created.Key));
            }));
        endpoints.MapDelete("/api/v1/admin/tenants/{tenant}/keys/{id}", (HttpContext context, string tenant, string id) =>
            Handle(context, authorizer, Permissions.UsersManage, tenant, principal =>
            {
                controlPlane.RevokeKey(tenant, id, ApiAuthorizer.Actor(context, principal));
                context.Response.StatusCode = 204;
                return Task.CompletedTask;
            }));
    }

    /// <summary>
    /// Runs <paramref name="handler"/> for a principal with <paramref name="permission"/> that may reach
    /// <paramref name="tenant"/> (null: the handler filters by <see cref="Reaches"/> itself).
    /// </summary>
    internal static async Task Handle(HttpContext context, ApiAuthorizer authorizer, Permissions permission, string? tenant, Func<Principal, Task> handler)
    {
        var principal = await authorizer.RequireAsync(context, permission);
        if (principal is null) return;
        if (tenant is not null && !Reaches(principal, tenant))
        {
            await authorizer.DenyAsync(context, principal, 403, $"{principal.Actor} may manage only its own tenant '{principal.Tenant}'");
            return;
        }
        try
        {
            await handler(principal);
        }
        catch (ControlPlaneException e)
        {
            await AdminJson.RefuseAsync(context, e);
        }
    }

    /// <summary>Creating, changing and deleting tenants is for the operator tenant's principals only.</summary>
    private static Task HandleOperator(HttpContext context, ApiAuthorizer authorizer, Func<Principal, Task> handler) =>
        Handle(context, authorizer, Permissions.TenantsManage, null, async principal =>
        {
            if (principal.Tenant != ControlPlaneService.OperatorTenant)
            {
                await authorizer.DenyAsync(context, principal, 403,
                    $"only principals of the operator tenant '{ControlPlaneService.OperatorTenant}' create, change or delete tenants");
                return;
            }
            await handler(principal);
        });

    private static TimeSpan Overlap(string text) =>
        DurationFormat.TryParse(text, out var overlap, out var error)
            ? overlap
            : throw new ControlPlaneException(ControlPlaneError.Invalid, $"overlap: {error} (write it like 24h or 1h30m)");

    internal static bool Reaches(Principal principal, string tenant) =>
        principal.Tenant == tenant || principal.Tenant == ControlPlaneService.OperatorTenant;

    private static Tenant Require(ControlPlaneService controlPlane, string tenant) =>
        controlPlane.FindTenant(tenant) ?? throw new ControlPlaneException(ControlPlaneError.NotFound, $"tenant '{tenant}' does not exist");

    private static Task WriteKeysAsync(HttpContext context, IEnumerable<ApiKey> keys) =>
        AdminJson.WriteAsync(context, 200, json =>
        {
            json.WriteStartArray();
            foreach (var key in keys) ApiKeyJson.Write(json, key);
            json.WriteEndArray();
        });
}
