using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Store;
using OllyStack.ControlPlane.Tenants;
using OllyStack.Core.Admission;
using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane;

/// <summary>
/// Tenants, plans and API keys (users, roles and sign-in in the partial files beside it): every change goes to the
/// store with its audit entry in one transaction and is published at once on this node; other nodes sharing the store
/// see it when they next poll its revision (<see cref="RefreshAsync"/>). Authentication and policy lookups read the
/// published state without a lock.
/// </summary>
public sealed partial class ControlPlaneService : IApiKeyAuthenticator, ITenantPolicies, IRefusalAudit, IAsyncDisposable
{
    /// <summary>The tenant whose admins manage every tenant; the bootstrap admin key belongs to it.</summary>
    public const string OperatorTenant = TenantName.Default;

    private readonly IControlPlaneStore _store;
    private readonly TimeProvider _clock;
    private readonly Lock _writeLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _polling;
    private readonly AuditQueue _audit;
    private readonly IdentityOptions _identity;
    private volatile ControlPlaneState _state;

    private ControlPlaneService(IControlPlaneStore store, TimeProvider clock, TimeSpan pollInterval, IdentityOptions identity)
    {
        _store = store;
        _clock = clock;
        _identity = identity;
        _state = ControlPlaneState.Of(store.Load(), null, clock.GetUtcNow());
        _audit = new AuditQueue(store);
        _polling = PollAsync(pollInterval, _stopping.Token);
    }

    /// <summary>Opens the control plane over <paramref name="store"/>, creating the operator tenant on its first start.</summary>
    public static ControlPlaneService Open(IControlPlaneStore store, TimeProvider? clock = null, TimeSpan? pollInterval = null, IdentityOptions? identity = null)
    {
        clock ??= TimeProvider.System;
        if (!store.Load().Tenants.Any(t => t.Name == OperatorTenant))
        {
            var now = clock.GetUtcNow();
            var tenant = new Tenant(OperatorTenant, Plans.Enterprise, false, TenantLimits.None, now, now);
            store.Commit([new TenantSaved(tenant)], new AuditEvent(AuditActor.System, OperatorTenant, "tenant.create", OperatorTenant, "success", After: TenantJson.ToJson(tenant)), now);
        }
        return new ControlPlaneService(store, clock, pollInterval ?? TimeSpan.FromSeconds(1), identity ?? new IdentityOptions());
    }

    public IControlPlaneStore Store => _store;

    public TimeProvider Clock => _clock;

    public IReadOnlyList<Tenant> Tenants => _state.Snapshot.Tenants;

    public bool HasAnyKey => _state.Snapshot.Keys.Count > 0;

    public Tenant? FindTenant(string name) => _state.Tenants.GetValueOrDefault(name);

    public TenantPolicy? Find(string tenant) => _state.Policies.GetValueOrDefault(tenant);

    public Principal? Authenticate(ReadOnlySpan<char> key)
    {
        if (!key.StartsWith(ApiKeyFormat.Prefix) || !_state.ActiveKeys.TryGetValue(KeyHash.Of(key), out var active)) return null;
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (now >= active.ExpiresAtMs) return null;
        active.LastUsedMs = now;
        return active.Principal;
    }

    public Tenant CreateTenant(string name, string plan, bool suspended, TenantLimits overrides, AuditActor actor)
    {
        if (!TenantName.IsValid(name))
            throw new ControlPlaneException(ControlPlaneError.Invalid, $"tenant name '{name}' is invalid: use 1-64 of a-z, 0-9, '-' and '_'");
        CheckPlan(plan);
        TenantLimitsValidation.Check(overrides);
        lock (_writeLock)
        {
            if (FindTenant(name) is not null)
                throw new ControlPlaneException(ControlPlaneError.Conflict, $"tenant '{name}' exists already; change it with PATCH /api/v1/admin/tenants/{name}");
            var now = Now();
            var tenant = new Tenant(name, plan, suspended, overrides, now, now);
            Commit([new TenantSaved(tenant)], new AuditEvent(actor, name, "tenant.create", name, "success", After: TenantJson.ToJson(tenant)));
            return tenant;
        }
    }

    /// <summary>Applies <paramref name="change"/> to the tenant; <paramref name="action"/> names it in the audit log.</summary>
    public Tenant UpdateTenant(string name, Func<Tenant, Tenant> change, AuditActor actor, string action = "tenant.update")
    {
        lock (_writeLock)
        {
            var before = RequireTenant(name);
            var after = change(before) with { Name = before.Name, CreatedAt = before.CreatedAt, UpdatedAt = Now() };
            CheckPlan(after.Plan);
            TenantLimitsValidation.Check(after.Overrides);
            if (after.Suspended && name == OperatorTenant)
                throw new ControlPlaneException(ControlPlaneError.Conflict, $"the operator tenant '{OperatorTenant}' cannot be suspended: its admins would lose access to every tenant");
            Commit([new TenantSaved(after)], new AuditEvent(actor, name, action, name, "success", TenantJson.ToJson(before), TenantJson.ToJson(after)));
            return after;
        }
    }

    /// <summary>Deletes the tenant with its keys, users, roles and sessions. Its stored telemetry is not erased here; it ages out with retention.</summary>
    public void DeleteTenant(string name, AuditActor actor)
    {
        lock (_writeLock)
        {
            var before = RequireTenant(name);
            if (name == OperatorTenant)
                throw new ControlPlaneException(ControlPlaneError.Conflict, $"the operator tenant '{OperatorTenant}' cannot be deleted");
            Commit([new TenantDeleted(name)], new AuditEvent(actor, name, "tenant.delete", name, "success", Before: TenantJson.ToJson(before)));
        }
    }

    public IReadOnlyList<ApiKey> Keys(string? tenant = null)
    {
        var state = _state;
        var lastUsed = state.ActiveKeys.Values.ToDictionary(k => k.Id, k => k.LastUsedMs);
        return state.Snapshot.Keys
            .Where(k => tenant is null || k.Tenant == tenant)
            .Select(k => lastUsed.TryGetValue(k.Id, out var used) && used > (k.LastUsedAt?.ToUnixTimeMilliseconds() ?? 0)
                ? k with { LastUsedAt = DateTimeOffset.FromUnixTimeMilliseconds(used) }
                : k)
            .ToList();
    }

    public CreatedApiKey CreateKey(string tenant, string name, KeyScopes scopes, DateTimeOffset? expiresAt, AuditActor actor)
    {
        if (scopes == KeyScopes.None) throw new ControlPlaneException(ControlPlaneError.Invalid, "a key needs at least one scope (ingest, query, admin)");
        var now = Now();
        if (expiresAt <= now) throw new ControlPlaneException(ControlPlaneError.Invalid, $"expires_at {expiresAt:O} is not in the future");
        lock (_writeLock)
        {
            RequireTenant(tenant);
            var (key, secret) = NewKey(tenant, name, scopes, expiresAt, now);
            Commit([new KeySaved(key)], new AuditEvent(actor, tenant, "key.create", key.Id, "success", After: ApiKeyJson.ToJson(key)));
            return new CreatedApiKey(key, secret);
        }
    }

    public ApiKey RevokeKey(string tenant, string id, AuditActor actor)
    {
        lock (_writeLock)
        {
            var before = RequireKey(tenant, id);
            if (before.RevokedAt is not null) return before;
            var after = before with { RevokedAt = Now() };
            Commit([new KeySaved(after)], new AuditEvent(actor, tenant, "key.revoke", id, "success", ApiKeyJson.ToJson(before), ApiKeyJson.ToJson(after)));
            return after;
        }
    }

    /// <summary>
    /// A successor with the same tenant, name, scopes and expiry; the old key keeps working for <paramref name="overlap"/>
    /// (or until its own expiry, if sooner) so clients can switch without an outage.
    /// </summary>
    public CreatedApiKey RotateKey(string tenant, string id, TimeSpan overlap, AuditActor actor)
    {
        if (overlap < TimeSpan.Zero) throw new ControlPlaneException(ControlPlaneError.Invalid, "the overlap must not be negative");
        if (overlap > DateTimeOffset.MaxValue - _clock.GetUtcNow())
            throw new ControlPlaneException(ControlPlaneError.Invalid, $"an overlap of {overlap.TotalDays:0} days ends past the year 9999");
        lock (_writeLock)
        {
            var before = RequireKey(tenant, id);
            var now = Now();
            if (!before.IsActiveAt(now))
                throw new ControlPlaneException(ControlPlaneError.Conflict, $"key '{id}' is revoked or expired; create a new key instead");
            var (successor, secret) = NewKey(tenant, before.Name, before.Scopes, before.ExpiresAt, now);
            var end = now + overlap;
            var after = before with { ExpiresAt = before.ExpiresAt is { } expiry && expiry < end ? expiry : end, ReplacedBy = successor.Id };
            Commit([new KeySaved(after), new KeySaved(successor)],
                new AuditEvent(actor, tenant, "key.rotate", id, "success", ApiKeyJson.ToJson(before), ApiKeyJson.ToJson(after)));
            return new CreatedApiKey(successor, secret);
        }
    }

    /// <summary>Records an event that changes nothing (a login, a denied request), written in the background.</summary>
    public ValueTask AuditAsync(AuditEvent audit) => _audit.EnqueueAsync(audit, Now());

    /// <summary>Records a request refused at an ingest port as a denied request, like those refused on the API port.</summary>
    public ValueTask RecordAsync(RefusedRequest request) => AuditAsync(new AuditEvent(
        new AuditActor(request.Actor, request.Tenant, request.Source), request.Tenant, "request.denied", request.Target, $"{request.Status} {request.Message}"));

    /// <summary>Completes once every event recorded so far is in the audit log.</summary>
    public Task FlushAuditAsync() => _audit.FlushAsync();

    /// <summary>Loads the store again if another node changed it, and writes keys' last use.</summary>
    public Task RefreshAsync()
    {
        FlushKeyUse();
        if (_store.ReadRevision() != _state.Snapshot.Revision) Reload();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _polling;
        _stopping.Dispose();
        await _audit.DisposeAsync();
        FlushKeyUse();
    }

    private async Task PollAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await RefreshAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A store that is briefly unavailable: keep serving the last state and try again next tick.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void FlushKeyUse()
    {
        var changed = new List<KeyValuePair<string, DateTimeOffset>>();
        foreach (var key in _state.ActiveKeys.Values)
        {
            var used = key.LastUsedMs;
            if (used <= key.FlushedMs) continue;
            changed.Add(new(key.Id, DateTimeOffset.FromUnixTimeMilliseconds(used)));
            key.FlushedMs = used;
        }
        _store.RecordKeyUse(changed);
    }

    private void Commit(IReadOnlyList<StoreWrite> writes, AuditEvent audit)
    {
        _store.Commit(writes, audit, Now());
        Reload();
    }

    private void Reload()
    {
        lock (_writeLock) _state = ControlPlaneState.Of(_store.Load(), _state, Now());
    }

    /// <summary>The time, to the millisecond the store keeps, so what a change returns equals what a reload reads.</summary>
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds());

    private static (ApiKey Key, string Secret) NewKey(string tenant, string name, KeyScopes scopes, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var secret = ApiKeyFormat.NewKey();
        var key = new ApiKey(ApiKeyFormat.NewId(), tenant, name, scopes, ApiKeyFormat.VisiblePart(secret), KeyHash.Of(secret), now, expiresAt, null, null, null);
        return (key, secret);
    }

    private Tenant RequireTenant(string name) =>
        FindTenant(name) ?? throw new ControlPlaneException(ControlPlaneError.NotFound, $"tenant '{name}' does not exist; create it with POST /api/v1/admin/tenants");

    private ApiKey RequireKey(string tenant, string id)
    {
        RequireTenant(tenant);
        return _state.Snapshot.Keys.FirstOrDefault(k => k.Id == id && k.Tenant == tenant)
            ?? throw new ControlPlaneException(ControlPlaneError.NotFound, $"tenant '{tenant}' has no key '{id}'");
    }

    private static void CheckPlan(string plan)
    {
        if (!Plans.Exists(plan))
            throw new ControlPlaneException(ControlPlaneError.Invalid, $"unknown plan '{plan}'; plans are {string.Join(", ", Plans.Names)}");
    }
}
