using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Audit;
using OllyStack.Core.Admission;
using OllyStack.Query.Api;

namespace OllyStack.Server.Api;

/// <summary>
/// <c>GET /api/v1/audit</c> (<c>audit:read</c>): audit entries oldest first, filtered by <c>tenant</c>, <c>action</c>,
/// <c>start</c>, <c>end</c>, paged with <c>after</c> (a sequence number) and <c>limit</c> (at most 10,000). A principal
/// reads its own tenant's entries; the operator tenant's read every tenant's, and all of them when it names none.
/// </summary>
public static class AuditEndpoints
{
    private const int MaxLimit = 10_000;

    public static void MapAudit(this IEndpointRouteBuilder endpoints, ApiAuthorizer authorizer)
    {
        endpoints.MapGet("/api/v1/audit", async context =>
        {
            var principal = await authorizer.RequireAsync(context, Permissions.AuditRead);
            if (principal is null) return;
            var query = context.Request.Query;
            var operatorPrincipal = principal.Tenant == ControlPlaneService.OperatorTenant;
            var tenant = query["tenant"].ToString() is { Length: > 0 } named ? named : operatorPrincipal ? null : principal.Tenant;
            if (tenant != principal.Tenant && !operatorPrincipal)
            {
                await authorizer.DenyAsync(context, principal, 403, $"{principal.Actor} may read only its own tenant's audit log ('{principal.Tenant}')");
                return;
            }
            AuditQuery request;
            try
            {
                var parameters = await ApiParameters.ReadAsync(context.Request);
                request = new AuditQuery(
                    tenant,
                    query.ContainsKey("start") ? TimeParameter.Read(parameters, "start", default) : null,
                    query.ContainsKey("end") ? TimeParameter.Read(parameters, "end", default) : null,
                    query["action"].ToString() is { Length: > 0 } action ? action : null,
                    Number(query["after"].ToString(), "after", 0, long.MaxValue),
                    (int)Number(query["limit"].ToString(), "limit", 1, MaxLimit, 1_000));
            }
            catch (ApiException e)
            {
                await ApiResponse.ErrorAsync(context, e);
                return;
            }
            var entries = authorizer.ControlPlane.Store.ReadAudit(request);
            await AdminJson.WriteAsync(context, 200, json =>
            {
                json.WriteStartArray();
                foreach (var entry in entries) AuditJson.Write(json, entry);
                json.WriteEndArray();
            });
        });
    }

    private static long Number(string text, string name, long min, long max, long fallback = 0)
    {
        if (text.Length == 0) return fallback;
        return long.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw ApiException.BadData($"{name} '{text}' must be an integer from {min} to {max}");
    }
}
