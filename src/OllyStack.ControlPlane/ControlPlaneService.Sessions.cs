using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Sessions;
using OllyStack.ControlPlane.Store;
using OllyStack.ControlPlane.Users;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane;

/// <summary>Password sign-in and the sessions it starts; every login, failed login and logout is audited.</summary>
public sealed partial class ControlPlaneService
{
    /// <summary>A session's last use is written at most this often: the idle timeout is measured in hours.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>What a failed password login tells the caller, whatever the reason (the audit log records the reason).</summary>
    private const string PasswordRefusal = "invalid tenant, user name or password";

    /// <summary>
    /// Password checks running at once. Each costs a quarter of a second of a core, so a flood of logins waits here
    /// instead of taking every core from the API.
    /// </summary>
    private readonly SemaphoreSlim _passwordChecks = new(Math.Max(1, Environment.ProcessorCount / 2));

    private PasswordHash? _decoy;

    /// <summary>Checks the password and starts a session; a refusal throws <see cref="SignInRefusedException"/> saying only that it failed.</summary>
    public async Task<StartedSession> SignInWithPasswordAsync(string tenant, string name, string password, string? source)
    {
        name = name.ToLowerInvariant();
        var user = FindUser(tenant, name);
        var hash = user?.Password is { } encoded ? PasswordHash.Parse(encoded) : null;
        bool matches;
        await _passwordChecks.WaitAsync();
        try
        {
            // Without a hash to check, a decoy of the same cost is checked, so a failure takes as long whether or not the user exists.
            matches = (hash ?? Decoy()).Verify(password) && hash is not null;
        }
        finally
        {
            _passwordChecks.Release();
        }
        var failure = user is null ? "no such user"
            : hash is null ? "the user signs in through the identity provider"
            : !matches ? "wrong password"
            : user.Disabled ? "the user is disabled"
            : FindTenant(tenant) is { Suspended: true } ? "the tenant is suspended"
            : null;
        if (failure is not null)
        {
            await AuditLoginAsync(new AuditActor("anonymous", "", source), tenant, name, "password", "failure: " + failure);
            throw new SignInRefusedException(PasswordRefusal);
        }
        if (hash!.NeedsRehash(_identity.PasswordIterations)) Rehash(user!, password, source);
        var started = StartSession(user!, "password", source);
        await AuditLoginAsync(new AuditActor(user!.Actor, tenant, source), tenant, name, "password", "success");
        return started;
    }

    /// <summary>
    /// The session whose cookie holds <paramref name="token"/>, with its user's principal as of now; null if there is
    /// none, or it expired or went idle, or its user is gone or disabled (such a session is ended).
    /// </summary>
    public ActiveSession? FindSession(ReadOnlySpan<char> token)
    {
        if (token.Length != SecureToken.Length) return null;
        var hash = KeyHash.Of(token);
        var session = _store.FindSession(hash);
        if (session is null) return null;
        var now = Now();
        var user = _state.Users.GetValueOrDefault((session.Tenant, session.User));
        var permissions = user is null ? null : PermissionsOf(user.Tenant, user.Role);
        if (now >= session.ExpiresAt || now - session.LastSeenAt >= _identity.SessionIdleTimeout || user is null || user.Disabled || permissions is null)
        {
            _store.EndSession(hash);
            return null;
        }
        if (now - session.LastSeenAt >= TouchInterval)
        {
            _store.TouchSession(hash, now);
            session = session with { LastSeenAt = now };
        }
        return new ActiveSession(session, new Principal(user.Tenant, user.Actor, permissions.Value));
    }

    public async Task SignOutAsync(ActiveSession active, string? source)
    {
        _store.EndSession(active.Session.Hash);
        await AuditAsync(new AuditEvent(new AuditActor(active.Principal.Actor, active.Session.Tenant, source), active.Session.Tenant, "user.logout",
            $"{active.Session.Tenant}/{active.Session.User}", "success", After: $$"""{"method":"{{active.Session.Method}}"}"""));
    }

    private StartedSession StartSession(User user, string method, string? source)
    {
        var now = Now();
        var token = SecureToken.New();
        var session = new Session(KeyHash.Of(token), user.Tenant, user.Name, SecureToken.New(), method, source, now, now, now + _identity.SessionLifetime);
        _store.EndExpiredSessions(now, now - _identity.SessionIdleTimeout);
        _store.StartSession(session);
        _logins[(user.Tenant, user.Name)] = now;
        var principal = new Principal(user.Tenant, user.Actor, PermissionsOf(user.Tenant, user.Role) ?? Permissions.None);
        return new StartedSession(token, session, principal);
    }

    /// <summary>Stores the password again with today's work factor, now that it is known to be right.</summary>
    private void Rehash(User user, string password, string? source)
    {
        var rehashed = PasswordHash.Create(password, _identity.PasswordIterations).ToString();
        lock (_writeLock)
        {
            if (FindUser(user.Tenant, user.Name) is not { } current || current.Password != user.Password) return;
            var after = current with { Password = rehashed, UpdatedAt = Now() };
            Commit([new UserSaved(after)], new AuditEvent(new AuditActor(user.Actor, user.Tenant, source), user.Tenant, "user.password_rehash", user.Name, "success",
                UserJson.ToJson(current), UserJson.ToJson(after)));
        }
    }

    private ValueTask AuditLoginAsync(AuditActor actor, string tenant, string name, string method, string outcome) =>
        AuditAsync(new AuditEvent(actor, FindTenant(tenant) is null ? "" : tenant, "user.login", $"{Truncate(tenant)}/{Truncate(name)}", outcome,
            After: $$"""{"method":"{{method}}"}"""));

    private PasswordHash Decoy() => _decoy ??= PasswordHash.Create(SecureToken.New(), _identity.PasswordIterations);

    /// <summary>Names from a failed login are whatever the caller sent; the audit log keeps a bounded part.</summary>
    private static string Truncate(string text) => text.Length <= UserName.MaximumLength ? text : text[..UserName.MaximumLength] + "...";
}
