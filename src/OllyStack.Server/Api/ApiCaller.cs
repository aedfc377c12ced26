using Microsoft.AspNetCore.Http;
using OllyStack.Core.Admission;

namespace OllyStack.Server.Api;

/// <summary>Authenticates API requests on the query/admin port and answers 401/403 in the API's JSON error shape.</summary>
public static class ApiCaller
{
    public static async Task<Principal?> RequireAsync(HttpContext context, IApiKeyStore keys, KeyScopes scope)
    {
        var key = Credentials.FromHeaders(context.Request.Headers.Authorization, context.Request.Headers[Credentials.KeyHeader]);
        if (key.IsEmpty)
        {
            await ApiErrors.WriteAsync(context, 401, "unauthorized", "missing API key: send 'Authorization: Bearer <key>' or 'X-Ollystack-Key: <key>'");
            return null;
        }
        var principal = keys.Authenticate(key);
        if (principal is null)
        {
            await ApiErrors.WriteAsync(context, 401, "unauthorized", "unknown or revoked API key");
            return null;
        }
        if (!principal.Can(scope))
        {
            await ApiErrors.WriteAsync(context, 403, "forbidden", $"API key {principal.KeyId} lacks the {scope.ToString().ToLowerInvariant()} scope");
            return null;
        }
        return principal;
    }
}
