using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Oidc;
using OllyStack.Core.Admission;
using OllyStack.Core.Tenancy;

namespace OllyStack.Server.Api;

/// <summary>
/// Authenticates requests on the API port and checks the permission an endpoint needs, answering 401/403 in the API's
/// JSON error shape. Every refusal is written to the audit log with the address it came from. A request proves who it
/// is with, in this order: an API key (<c>Authorization: Bearer olly_...</c> or <c>X-Ollystack-Key</c>), a JWT access
/// token from the configured identity provider (<c>Authorization: Bearer</c>), or the browser session cookie; a
/// credential in a header is never passed over for the cookie.
/// </summary>
/// <param name="meter">Counts each request that reads telemetry as one query of the caller's tenant.</param>
/// <param name="bearer">Validates bearer tokens; null when the server accepts none.</param>
/// <param name="publicUrl">The URL browsers reach the server at: a page from there may use the session cookie, and https there makes cookies Secure.</param>
public sealed class ApiAuthorizer(ControlPlaneService controlPlane, IUsageMeter meter, OidcTokenValidator? bearer = null, string? publicUrl = null)
{
    private const Permissions TelemetryReads = Permissions.MetricsRead | Permissions.LogsRead | Permissions.TracesRead;

    private readonly string? _publicOrigin = Uri.TryCreate(publicUrl, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Authority) : null;

    public ControlPlaneService ControlPlane => controlPlane;

    /// <summary>Whether cookies are marked Secure even on plain-http requests: the public URL is https, so a TLS proxy is in front.</summary>
    public bool SecureCookies => _publicOrigin?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;

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

    public async Task<Principal?> RequireAsync(HttpContext context, Permissions permission) => (await RequireCallerAsync(context, permission))?.Principal;

    /// <summary>The caller if it authenticates, its tenant is not suspended and it has <paramref name="permission"/>; otherwise null after answering.</summary>
    public async Task<Caller?> RequireCallerAsync(HttpContext context, Permissions permission)
    {
        var caller = await AuthenticateAsync(context);
        if (caller.Principal is not { } principal)
        {
            await DenyAsync(context, null, caller.Status, caller.Refusal!);
            return null;
        }
        if (controlPlane.Find(principal.Tenant) is { Suspended: true } && principal.Tenant != ControlPlaneService.OperatorTenant)
        {
            await DenyAsync(context, principal, 403, $"tenant '{principal.Tenant}' is suspended; ask an operator to resume it");
            return null;
        }
        if (!principal.Can(permission))
        {
            await DenyAsync(context, principal, 403, $"{principal.Actor} lacks the {permission.Name()} permission");
            return null;
        }
        return caller;
    }

    /// <summary>Who sent the request, or why it is refused; answers nothing itself.</summary>
    public async Task<Caller> AuthenticateAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var presented = Credentials.FromHeaders(headers.Authorization, headers[Credentials.KeyHeader]);
        if (!presented.IsEmpty)
        {
            if (controlPlane.Authenticate(presented) is { } principal) return Caller.Of(principal, "api_key");
            if (bearer is null || presented.StartsWith(ApiKeyFormat.Prefix) || presented.Count('.') != 2 || headers.ContainsKey(Credentials.KeyHeader))
                return Caller.Refused(401, "unknown, revoked or expired API key");
            return await AuthenticateBearerAsync(bearer, presented.ToString(), context.RequestAborted);
        }
        if (context.Request.Cookies[SessionCookie.Name] is { Length: > 0 } token) return AuthenticateSession(context, token);
        return Caller.Refused(401,
            "missing credentials: send an API key ('Authorization: Bearer <key>' or 'X-Ollystack-Key: <key>'), a bearer token from the identity provider, or sign in");
    }

    /// <summary>Refuses a request that authenticated but asks for something outside what its principal may reach.</summary>
    public async Task<Principal?> DenyAsync(HttpContext context, Principal? principal, int status, string message)
    {
        var actor = principal is null ? new AuditActor("anonymous", "", Source(context)) : Actor(context, principal);
        await controlPlane.AuditAsync(new AuditEvent(actor, principal?.Tenant ?? "", "request.denied",
            $"{context.Request.Method} {context.Request.Path}", $"{status} {message}"));
        await ApiErrors.WriteAsync(context, status, status switch { 401 => "unauthorized", 503 => "unavailable", _ => "forbidden" }, message);
        return null;
    }

    public static AuditActor Actor(HttpContext context, Principal principal) => new(principal.Actor, principal.Tenant, Source(context));

    public static string? Source(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    private async Task<Caller> AuthenticateBearerAsync(OidcTokenValidator validator, string token, CancellationToken cancellationToken)
    {
        try
        {
            return Caller.Of(controlPlane.ExternalPrincipal(await validator.ValidateAccessTokenAsync(token, cancellationToken)), "bearer");
        }
        catch (OidcTokenException e)
        {
            return Caller.Refused(401, "bearer token refused: " + e.Message);
        }
        catch (SignInRefusedException e)
        {
            return Caller.Refused(403, e.Message);
        }
        catch (OidcProviderUnavailableException e)
        {
            return Caller.Refused(503, e.Message);
        }
    }

    /// <summary>
    /// A session cookie counts only on requests from this site (a browser names another site's page in Origin) and,
    /// unless the request only reads, with the session's CSRF token in <see cref="SessionCookie.CsrfHeader"/>.
    /// </summary>
    private Caller AuthenticateSession(HttpContext context, string token)
    {
        if (controlPlane.FindSession(token) is not { } session) return Caller.Refused(401, "the session has ended; sign in again");
        if (!IsSameOrigin(context)) return Caller.Refused(403, "a page from another site may not use this server's session cookie");
        var method = context.Request.Method;
        if (!(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)) && !CsrfMatches(context, session.Session.CsrfToken))
            return Caller.Refused(403,
                $"a signed-in browser's {method} needs the {SessionCookie.CsrfHeader} header: its value is csrf_token in the login answer and in GET /api/v1/auth/me");
        return Caller.Of(session.Principal, "session", session);
    }

    private bool IsSameOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        return string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase)
               || string.Equals(origin, _publicOrigin, StringComparison.OrdinalIgnoreCase);
    }

    private static bool CsrfMatches(HttpContext context, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.Headers[SessionCookie.CsrfHeader].ToString()), Encoding.UTF8.GetBytes(expected));
}
