using Microsoft.AspNetCore.Http;

namespace OllyStack.Server.Api;

/// <summary>
/// The browser session cookie and the header that guards it. The cookie is HttpOnly (scripts cannot read it),
/// SameSite=Lax (other sites' forms and scripts do not carry it), and Secure whenever the server is reached over
/// https. State-changing requests authenticated by it must also send <see cref="CsrfHeader"/>, whose value a script of
/// this site reads from the login answer or <c>/api/v1/auth/me</c>: another site can make a browser send the cookie,
/// but cannot read the value.
/// </summary>
public static class SessionCookie
{
    public const string Name = "ollystack_session";
    public const string CsrfHeader = "X-Ollystack-Csrf";

    /// <summary>The single sign-on state, kept in the browser that started the sign-in so only it can finish it.</summary>
    public const string SignInStateName = "ollystack_oidc_state";
    public const string SignInPath = "/api/v1/auth/oidc";

    public static void Append(HttpContext context, string name, string value, string path, DateTimeOffset expires, bool secure) =>
        context.Response.Cookies.Append(name, value, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = secure || context.Request.IsHttps, Path = path, Expires = expires,
        });

    public static void Delete(HttpContext context, string name, string path, bool secure) =>
        context.Response.Cookies.Delete(name, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = secure || context.Request.IsHttps, Path = path });
}
