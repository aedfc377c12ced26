using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Oidc;
using OllyStack.ControlPlane.Sessions;
using OllyStack.ControlPlane.Users;
using OllyStack.Core.Admission;

namespace OllyStack.Server.Api;

/// <summary>
/// Signing in and out (docs/access-control.md): a password login or single sign-on starts a browser session held in
/// an HttpOnly cookie; <c>/api/v1/auth/me</c> says who a request authenticates as, however it does.
/// </summary>
public static class AuthEndpoints
{
    public static void MapAuth(this IEndpointRouteBuilder endpoints, ApiAuthorizer authorizer, OidcCodeFlow? signOn)
    {
        var controlPlane = authorizer.ControlPlane;
        endpoints.MapPost("/api/v1/auth/login", async context =>
        {
            // A JSON content type cannot be sent by another site's form, so nobody can sign a browser in to their own account.
            if (!context.Request.HasJsonContentType())
            {
                await ApiErrors.WriteAsync(context, 415, "bad_data", "send the login as JSON with Content-Type: application/json");
                return;
            }
            using var body = await AdminJson.ReadAsync(context);
            if (body is null) return;
            StartedSession started;
            try
            {
                var (tenant, username, password) = LoginRequest.Read(body.RootElement);
                started = await controlPlane.SignInWithPasswordAsync(tenant, username, password, ApiAuthorizer.Source(context));
            }
            catch (ControlPlaneException e)
            {
                await AdminJson.RefuseAsync(context, e);
                return;
            }
            catch (SignInRefusedException e)
            {
                await ApiErrors.WriteAsync(context, 401, "unauthorized", e.Message);
                return;
            }
            await StartSessionAsync(context, authorizer, started);
        });
        endpoints.MapPost("/api/v1/auth/logout", async context =>
        {
            var caller = await authorizer.AuthenticateAsync(context);
            if (caller.Status == 403)
            {
                await authorizer.DenyAsync(context, null, caller.Status, caller.Refusal!);
                return;
            }
            if (caller.Session is { } session) await controlPlane.SignOutAsync(session, ApiAuthorizer.Source(context));
            SessionCookie.Delete(context, SessionCookie.Name, "/", authorizer.SecureCookies);
            context.Response.StatusCode = 204;
        });
        endpoints.MapGet("/api/v1/auth/me", async context =>
        {
            if (await authorizer.RequireCallerAsync(context, Permissions.None) is { } caller)
                await AdminJson.WriteAsync(context, 200, json => WriteCaller(json, controlPlane, caller.Principal!, caller.Method!, caller.Session?.Session));
        });
        endpoints.MapGet("/api/v1/auth/oidc/login", context => SignOnLoginAsync(context, authorizer, signOn));
        endpoints.MapGet("/api/v1/auth/oidc/callback", context => SignOnCallbackAsync(context, authorizer, signOn));
    }

    /// <summary>Sends the browser to the identity provider, remembering in a cookie which sign-in it started.</summary>
    private static async Task SignOnLoginAsync(HttpContext context, ApiAuthorizer authorizer, OidcCodeFlow? signOn)
    {
        if (signOn is null)
        {
            await ApiErrors.WriteAsync(context, 404, "not_found", "single sign-on is not configured: set oidc.issuer and oidc.client_id");
            return;
        }
        try
        {
            var (url, state) = await signOn.StartAsync(context.RequestAborted);
            SessionCookie.Append(context, SessionCookie.SignInStateName, state, SessionCookie.SignInPath,
                DateTimeOffset.UtcNow + OidcCodeFlow.PendingLifetime, authorizer.SecureCookies);
            context.Response.Redirect(url.ToString());
        }
        catch (OidcProviderUnavailableException e)
        {
            await ApiErrors.WriteAsync(context, 503, "unavailable", e.Message);
        }
    }

    /// <summary>
    /// Where the provider sends the browser back: the state must be the one this browser's cookie holds, then the code
    /// is redeemed, the ID token checked, the user created or updated, and a session started.
    /// </summary>
    private static async Task SignOnCallbackAsync(HttpContext context, ApiAuthorizer authorizer, OidcCodeFlow? signOn)
    {
        if (signOn is null)
        {
            await ApiErrors.WriteAsync(context, 404, "not_found", "single sign-on is not configured: set oidc.issuer and oidc.client_id");
            return;
        }
        var query = context.Request.Query;
        var controlPlane = authorizer.ControlPlane;
        SessionCookie.Delete(context, SessionCookie.SignInStateName, SessionCookie.SignInPath, authorizer.SecureCookies);
        try
        {
            if (query["error"].ToString() is { Length: > 0 } error)
                throw new OidcTokenException($"the identity provider answered {error}: {query["error_description"]}");
            var state = query["state"].ToString();
            var code = query["code"].ToString();
            if (state.Length == 0 || code.Length == 0) throw new OidcTokenException("the callback carries no code or no state");
            if (context.Request.Cookies[SessionCookie.SignInStateName] != state)
                throw new OidcTokenException("this sign-in was not started in this browser; start it again at /api/v1/auth/oidc/login");
            var identity = await signOn.CompleteAsync(state, code, context.RequestAborted);
            var started = await controlPlane.SignInExternalAsync(identity, ApiAuthorizer.Source(context));
            AppendSessionCookie(context, authorizer, started);
            context.Response.Redirect("/");
        }
        catch (OidcTokenException e)
        {
            await controlPlane.AuditAsync(new AuditEvent(new AuditActor("anonymous", "", ApiAuthorizer.Source(context)), "", "user.login", "oidc", "failure: " + e.Message,
                After: """{"method":"oidc"}"""));
            await ApiErrors.WriteAsync(context, 401, "unauthorized", e.Message);
        }
        catch (SignInRefusedException e)
        {
            await ApiErrors.WriteAsync(context, 403, "forbidden", e.Message);
        }
        catch (OidcProviderUnavailableException e)
        {
            await ApiErrors.WriteAsync(context, 503, "unavailable", e.Message);
        }
    }

    private static async Task StartSessionAsync(HttpContext context, ApiAuthorizer authorizer, StartedSession started)
    {
        AppendSessionCookie(context, authorizer, started);
        await AdminJson.WriteAsync(context, 200, json => WriteCaller(json, authorizer.ControlPlane, started.Principal, "session", started.Session));
    }

    private static void AppendSessionCookie(HttpContext context, ApiAuthorizer authorizer, StartedSession started) =>
        SessionCookie.Append(context, SessionCookie.Name, started.Token, "/", started.Session.ExpiresAt, authorizer.SecureCookies);

    /// <summary>The caller: tenant, actor, how it authenticated, its permissions, and for a session its user, role, CSRF token and expiry.</summary>
    private static void WriteCaller(Utf8JsonWriter json, ControlPlaneService controlPlane, Principal principal, string method, Session? session)
    {
        json.WriteStartObject();
        json.WriteString("tenant", principal.Tenant);
        json.WriteString("actor", principal.Actor);
        json.WriteString("method", method);
        json.WriteStartArray("permissions");
        foreach (var permission in principal.Permissions.ToNames()) json.WriteStringValue(permission);
        json.WriteEndArray();
        if (session is not null)
        {
            json.WriteString("user", session.User);
            if (controlPlane.FindUser(session.Tenant, session.User) is { } user) json.WriteString("role", user.Role);
            json.WriteString("sign_in", session.Method);
            json.WriteString("csrf_token", session.CsrfToken);
            json.WriteString("expires_at", session.ExpiresAt.UtcDateTime);
        }
        json.WriteEndObject();
    }
}
