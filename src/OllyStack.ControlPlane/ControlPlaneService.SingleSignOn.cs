using System.Security.Cryptography;
using System.Text;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Oidc;
using OllyStack.ControlPlane.Sessions;
using OllyStack.ControlPlane.Store;
using OllyStack.ControlPlane.Users;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane;

/// <summary>
/// Principals from the identity provider: bearer tokens on the API, and single sign-on, which creates the user at
/// its first login (just-in-time provisioning) and keeps its role and e-mail as the provider says at each login.
/// </summary>
public sealed partial class ControlPlaneService
{
    /// <summary>
    /// The principal a validated bearer token stands for: its tenant, and the permissions of its role there. The actor
    /// is the provisioned user if the subject has signed in to the tenant before, else <c>oidc:&lt;subject&gt;</c>.
    /// </summary>
    /// <exception cref="SignInRefusedException">The tenant or role does not exist, or the provisioned user is disabled.</exception>
    public Principal ExternalPrincipal(OidcIdentity identity)
    {
        var state = _state;
        if (!state.Tenants.ContainsKey(identity.Tenant)) throw new SignInRefusedException($"tenant '{identity.Tenant}' named by the token does not exist");
        var (_, permissions) = ResolveRole(identity);
        var user = state.ExternalUsers.GetValueOrDefault((identity.Tenant, identity.Issuer, identity.Subject));
        if (user is { Disabled: true }) throw new SignInRefusedException($"user '{user.Name}' of tenant '{user.Tenant}' is disabled");
        return new Principal(identity.Tenant, user?.Actor ?? identity.Actor, permissions);
    }

    /// <summary>Creates or updates the user <paramref name="identity"/> describes and starts its session; refusals are audited and thrown.</summary>
    public async Task<StartedSession> SignInExternalAsync(OidcIdentity identity, string? source)
    {
        User user;
        try
        {
            user = Provision(identity, source);
        }
        catch (SignInRefusedException e)
        {
            await AuditLoginAsync(new AuditActor(identity.Actor, "", source), identity.Tenant, identity.PreferredUsername ?? identity.Subject, "oidc", "failure: " + e.Message);
            throw;
        }
        var started = StartSession(user, "oidc", source);
        await AuditLoginAsync(new AuditActor(user.Actor, user.Tenant, source), user.Tenant, user.Name, "oidc", "success");
        return started;
    }

    private User Provision(OidcIdentity identity, string? source)
    {
        var tenant = FindTenant(identity.Tenant) ?? throw new SignInRefusedException($"tenant '{identity.Tenant}' named by the identity provider does not exist");
        if (tenant.Suspended) throw new SignInRefusedException($"tenant '{tenant.Name}' is suspended; ask an operator to resume it");
        var (role, _) = ResolveRole(identity);
        var actor = new AuditActor(identity.Actor, tenant.Name, source);
        lock (_writeLock)
        {
            var now = Now();
            if (_state.ExternalUsers.GetValueOrDefault((tenant.Name, identity.Issuer, identity.Subject)) is { } existing)
            {
                if (existing.Disabled) throw new SignInRefusedException($"user '{existing.Name}' of tenant '{tenant.Name}' is disabled");
                var email = identity.Email ?? existing.Email;
                if (existing.Role == role && existing.Email == email) return existing;
                var updated = existing with { Role = role, Email = email, UpdatedAt = now };
                Commit([new UserSaved(updated)], new AuditEvent(actor, tenant.Name, "user.update", existing.Name, "success", UserJson.ToJson(existing), UserJson.ToJson(updated)));
                return updated;
            }
            var user = new User(tenant.Name, NameFor(identity), identity.Email, role, null, new ExternalIdentity(identity.Issuer, identity.Subject), false, now, now, null, null);
            Commit([new UserSaved(user)], new AuditEvent(actor, tenant.Name, "user.create", user.Name, "success", After: UserJson.ToJson(user)));
            return user;
        }
    }

    /// <summary>The first of the identity's roles that the tenant has.</summary>
    private (string Role, Permissions Permissions) ResolveRole(OidcIdentity identity)
    {
        foreach (var role in identity.Roles)
            if (PermissionsOf(identity.Tenant, role) is { } permissions) return (role, permissions);
        var named = identity.Roles.Count == 0 ? "no role" : $"role '{string.Join("', '", identity.Roles)}'";
        throw new SignInRefusedException($"the identity provider gives {named}, which tenant '{identity.Tenant}' does not have");
    }

    /// <summary>
    /// A free user name for a new single sign-on user: its preferred user name, else its e-mail address, else its
    /// subject; if all are taken (by local users, say), the subject with a suffix unique to the identity.
    /// </summary>
    private string NameFor(OidcIdentity identity)
    {
        foreach (var candidate in (ReadOnlySpan<string?>)[identity.PreferredUsername, identity.Email, identity.Subject])
            if (UserName.From(candidate) is { } name && !_state.Users.ContainsKey((identity.Tenant, name))) return name;
        var suffix = "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.Issuer + "\n" + identity.Subject)))[..12];
        var stem = UserName.From(identity.Subject) ?? "sso";
        return stem[..Math.Min(stem.Length, UserName.MaximumLength - suffix.Length)] + suffix;
    }
}
