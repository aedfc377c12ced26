using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.ControlPlane.Keys;
using OllyStack.Core.Admission;
using OllyStack.Storage.Metrics;

namespace OllyStack.Server.Api;

/// <summary>
/// POST /api/v1/admin/metrics/force_merge (admin scope): merges every tenant's day partitions into one compact part
/// each and answers when done, with the number of merges. Background merges reach the same state once a day is closed;
/// this is for measuring the final footprint, or before a backup.
/// </summary>
public static class MetricsAdminEndpoints
{
    public static void MapMetricsAdmin(this IEndpointRouteBuilder endpoints, FileApiKeyStore keys, MetricsStore metrics)
    {
        endpoints.MapPost("/api/v1/admin/metrics/force_merge", async context =>
        {
            if (await ApiCaller.RequireAsync(context, keys, KeyScopes.Admin) is null) return;
            var merges = await Task.Run(() => metrics.ForceMerge(context.RequestAborted), context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($"{{\"status\":\"success\",\"data\":{{\"merges\":{merges}}}}}");
        });
    }
}
