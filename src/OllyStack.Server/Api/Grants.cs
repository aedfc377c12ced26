using Microsoft.AspNetCore.Http;
using OllyStack.Core.Admission;

namespace OllyStack.Server.Api;

/// <summary>
/// Nobody hands out more than they hold: a principal with users:manage may give a user a role, define a role, or
/// change, disable or delete a user, only when every permission involved is one it has itself. Otherwise users:manage
/// alone would be a way to admin.
/// </summary>
public static class Grants
{
    /// <summary>True if <paramref name="principal"/> holds all of <paramref name="permissions"/>; otherwise answers 403 (audited) and returns false.</summary>
    public static async Task<bool> CheckAsync(HttpContext context, ApiAuthorizer authorizer, Principal principal, Permissions permissions, string what)
    {
        var beyond = permissions & ~principal.Permissions;
        if (beyond == Permissions.None) return true;
        await authorizer.DenyAsync(context, principal, 403,
            $"{principal.Actor} may not {what}: that involves {string.Join(", ", beyond.ToNames())}, which {principal.Actor} lacks");
        return false;
    }
}
