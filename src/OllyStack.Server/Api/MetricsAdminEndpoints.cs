using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.ControlPlane;
using OllyStack.Core.Admission;
using OllyStack.Storage.Metrics;

namespace OllyStack.Server.Api;

/// <summary>
/// POST /api/v1/admin/metrics/force_merge (operator tenant, tenants:manage): merges every tenant's day partitions into one compact part
/// each and answers when done, with the number of merges. Background merges reach the same state once a day is closed;
/// this is for measuring the final footprint, or before a backup.
/// </summary>
public static class MetricsAdminEndpoints
{
    public static void MapMetricsAdmin(this IEndpointRouteBuilder endpoints, ApiAuthorizer authorizer, MetricsStore metrics)
    {
        endpoints.MapPost("/api/v1/admin/metrics/force_merge", async context =>
        {
            var principal = await authorizer.RequireAsync(context, Permissions.TenantsManage);
            if (principal is null) return;
            if (principal.Tenant != ControlPlaneService.OperatorTenant)
            {
                await authorizer.DenyAsync(context, principal, 403, "merging every tenant's parts is for the operator tenant's principals");
                return;
            }
            var merges = await Task.Run(() => metrics.ForceMerge(context.RequestAborted), context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($"{{\"status\":\"success\",\"data\":{{\"merges\":{merges}}}}}");
        });
    }
}
