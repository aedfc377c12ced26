using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Cost;
using OllyStack.ControlPlane.Metering;
using OllyStack.Core.Admission;
using OllyStack.Query.Api;

namespace OllyStack.Server.Api;

/// <summary>
/// <c>GET /api/v1/usage</c>: a tenant's metered hours (or days, <c>step=day</c>) with totals; <c>GET|POST /api/v1/cost</c>:
/// the cost calculator, for a tenant's metered period (<c>tenant</c>, <c>start</c>, <c>end</c>) or a what-if (its fields as
/// query parameters or a JSON body). Both need <c>billing:read</c>; a principal reaches only its own tenant unless it
/// belongs to the operator tenant. Times are RFC 3339 or Unix seconds; the default period is this UTC month so far.
/// </summary>
public static class UsageEndpoints
{
    private static readonly string[] PeriodParameters = ["tenant", "start", "end"];

    public static void MapUsage(this IEndpointRouteBuilder endpoints, ApiAuthorizer authorizer, UsageMeter meter)
    {
        endpoints.MapGet("/api/v1/usage", context => HandleAsync(context, authorizer, async (principal) =>
        {
            var period = await PeriodAsync(context, authorizer, principal, meter);
            if (period is null) return;
            var daily = context.Request.Query["step"].ToString() switch
            {
                "" or "hour" => false,
                "day" => true,
                var other => throw ApiException.BadData($"step '{other}' is not hour or day"),
            };
            await AdminJson.WriteAsync(context, 200, json => UsageJson.Write(json, period, daily));
        }));
        endpoints.MapMethods("/api/v1/cost", ["GET", "POST"], context => HandleAsync(context, authorizer, async principal =>
        {
            if (context.Request.Method == "POST")
            {
                using var reader = new StreamReader(context.Request.Body);
                var estimate = WhatIfRequest.Parse(await reader.ReadToEndAsync(context.RequestAborted)).Estimate();
                await WriteAsync(context, estimate);
                return;
            }
            var query = context.Request.Query.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)));
            if (!context.Request.Query.Keys.All(PeriodParameters.Contains))
            {
                await WriteAsync(context, WhatIfRequest.FromQuery(query).Estimate());
                return;
            }
            var period = await PeriodAsync(context, authorizer, principal, meter);
            if (period is null) return;
            var retention = authorizer.ControlPlane.Find(period.Tenant)?.RetentionDays ?? 1;
            await WriteAsync(context, CostCalculator.ForUsage(period.ToMeteredUsage(retention)));
        }));
    }

    private static async Task HandleAsync(HttpContext context, ApiAuthorizer authorizer, Func<Principal, Task> handler)
    {
        var principal = await authorizer.RequireAsync(context, Permissions.BillingRead);
        if (principal is null) return;
        try
        {
            await handler(principal);
        }
        catch (CostInputException e)
        {
            await ApiErrors.WriteAsync(context, 400, "bad_data", e.Message);
        }
        catch (ApiException e)
        {
            await ApiResponse.ErrorAsync(context, e);
        }
    }

    /// <summary>The period the query names, or null after refusing it (403 for another tenant, 400 for bad times).</summary>
    private static async Task<UsagePeriod?> PeriodAsync(HttpContext context, ApiAuthorizer authorizer, Principal principal, UsageMeter meter)
    {
        var tenant = context.Request.Query["tenant"].ToString() is { Length: > 0 } named ? named : principal.Tenant;
        if (tenant != principal.Tenant && principal.Tenant != ControlPlaneService.OperatorTenant)
        {
            await authorizer.DenyAsync(context, principal, 403, $"{principal.Actor} may read only its own tenant's usage ('{principal.Tenant}')");
            return null;
        }
        var now = authorizer.ControlPlane.Clock.GetUtcNow();
        var parameters = await ApiParameters.ReadAsync(context.Request);
        var end = TimeParameter.Read(parameters, "end", now);
        var start = TimeParameter.Read(parameters, "start", new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero));
        if (end <= start) throw ApiException.BadData("end must be after start");
        var hourStart = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero);
        return new UsagePeriod(tenant, start, end, meter.Read(tenant, hourStart, end));
    }

    private static Task WriteAsync(HttpContext context, WhatIfEstimate estimate) =>
        AdminJson.WriteAsync(context, 200, json => JsonSerializer.Serialize(json, estimate, CostJsonContext.Default.WhatIfEstimate));

    private static Task WriteAsync(HttpContext context, UsageCost cost) =>
        AdminJson.WriteAsync(context, 200, json => JsonSerializer.Serialize(json, cost, CostJsonContext.Default.UsageCost));
}
