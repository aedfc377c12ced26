using Microsoft.AspNetCore.Http;
using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Audit;
using OllyStack.Core.Admission;
using OllyStack.Core.Tenancy;

namespace OllyStack.Server.Api;

/// <summary>
/// Authenticates requests on the API port and checks the permission an endpoint needs, answering 401/403 in the API's
/// JSON error shape. Every refusal is written to the audit log with the address it came from.
/// </summary>
public sealed class ApiAuthorizer(ControlPlaneService controlPlane, IUsageMeter meter)
{
    private const Permissions TelemetryReads = Permissions.MetricsRead | Permissions.LogsRead | Permissions.TracesRead;

    public ControlPlaneService ControlPlane => controlPlane;

    /// <summary>
    /// A check for <paramref name="permission"/>, in the shape the query and alerting APIs take. Each request it lets
    /// read telemetry counts as one query of the caller's tenant.
    /// </summary>
    public Func<HttpContext, Task<Principal?>> For(Permissions permission) => async context =>
    {
        var principal = await RequireAsync(context, permission);
        if (principal is not null && (permission & TelemetryReads) != 0) meter.Add(principal.Tenant, UsageKind.Query, 1, 0);
        return principal;
    };

    public async Task<Principal?> RequireAsync(HttpContext context, Permissions permission)
    {
        var key = Credentials.FromHeaders(context.Request.Headers.Authorization, context.Request.Headers[Credentials.KeyHeader]);
        if (key.IsEmpty)
            return await DenyAsync(context, null, 401, "missing API key: send 'Authorization: Bearer <key>' or 'X-Ollystack-Key: <key>'");
        var principal = controlPlane.Authenticate(key);
        if (principal is null) return await DenyAsync(context, null, 401, "unknown, revoked or expired API key");
        if (controlPlane.Find(principal.Tenant) is { Suspended: true } && principal.Tenant != ControlPlaneService.OperatorTenant)
            return await DenyAsync(context, principal, 403, $"tenant '{principal.Tenant}' is suspended; ask an operator to resume it");
        if (!principal.Can(permission))
            return await DenyAsync(context, principal, 403, $"{principal.Actor} lacks the {permission.Name()} permission");
        return principal;
    }

    /// <summary>Refuses a request that authenticated but asks for something outside what its principal may reach.</summary>
    public async Task<Principal?> DenyAsync(HttpContext context, Principal? principal, int status, string message)
    {
        var actor = principal is null ? new AuditActor("anonymous", "", Source(context)) : Actor(context, principal);
        await controlPlane.AuditAsync(new AuditEvent(actor, principal?.Tenant ?? "", "request.denied",
            $"{context.Request.Method} {context.Request.Path}", $"{status} {message}"));
        await ApiErrors.WriteAsync(context, status, status == 401 ? "unauthorized" : "forbidden", message);
        return null;
    }

    public static AuditActor Actor(HttpContext context, Principal principal) => new(principal.Actor, principal.Tenant, Source(context));

    private static string? Source(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
