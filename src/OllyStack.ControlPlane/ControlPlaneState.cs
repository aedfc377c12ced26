using System.Collections.Frozen;
using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Roles;
using OllyStack.ControlPlane.Store;
using OllyStack.ControlPlane.Tenants;
using OllyStack.ControlPlane.Users;
using OllyStack.Core.Admission;
using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane;

/// <summary>
/// One revision of the control plane, indexed for the per-request lookups: active keys by hash, tenants and their
/// policies by name, users by name and by identity-provider subject, custom roles by name. Immutable; a change
/// publishes a new one.
/// </summary>
internal sealed class ControlPlaneState
{
    private ControlPlaneState(ControlPlaneSnapshot snapshot, FrozenDictionary<KeyHash, ActiveKey> active)
    {
        Snapshot = snapshot;
        Tenants = snapshot.Tenants.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        Policies = snapshot.Tenants.ToFrozenDictionary(t => t.Name, t => t.Policy(), StringComparer.Ordinal);
        ActiveKeys = active;
        Users = snapshot.Users.ToFrozenDictionary(u => (u.Tenant, u.Name));
        ExternalUsers = snapshot.Users.Where(u => u.External is not null).ToFrozenDictionary(u => (u.Tenant, u.External!.Issuer, u.External.Subject));
        Roles = snapshot.Roles.ToFrozenDictionary(r => (r.Tenant, r.Name));
    }

    public ControlPlaneSnapshot Snapshot { get; }

    public FrozenDictionary<string, Tenant> Tenants { get; }

    public FrozenDictionary<string, TenantPolicy> Policies { get; }

    public FrozenDictionary<KeyHash, ActiveKey> ActiveKeys { get; }

    public FrozenDictionary<(string Tenant, string Name), User> Users { get; }

    public FrozenDictionary<(string Tenant, string Issuer, string Subject), User> ExternalUsers { get; }

    public FrozenDictionary<(string Tenant, string Name), Role> Roles { get; }

    /// <summary>The state of <paramref name="snapshot"/>; keys still active carry their unflushed last use over from <paramref name="previous"/>.</summary>
    public static ControlPlaneState Of(ControlPlaneSnapshot snapshot, ControlPlaneState? previous, DateTimeOffset now)
    {
        var carried = previous?.ActiveKeys.Values.ToDictionary(k => k.Id);
        var active = snapshot.Keys
            .Where(k => k.RevokedAt is null && (k.ExpiresAt is null || k.ExpiresAt > now))
            .ToFrozenDictionary(k => k.Hash, k =>
            {
                var lastUsed = k.LastUsedAt?.ToUnixTimeMilliseconds() ?? 0;
                var key = new ActiveKey(k.Id, new Principal(k.Tenant, "key:" + k.Id, k.Scopes.ToPermissions()), k.ExpiresAt?.ToUnixTimeMilliseconds() ?? long.MaxValue, lastUsed);
                if (carried?.GetValueOrDefault(k.Id) is { } old && old.LastUsedMs > lastUsed)
                {
                    key.LastUsedMs = old.LastUsedMs;
                    key.FlushedMs = Math.Max(old.FlushedMs, lastUsed);
                }
                return key;
            });
        return new ControlPlaneState(snapshot, active);
    }
}
