using System.Collections.Concurrent;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Store;
using OllyStack.ControlPlane.Users;

namespace OllyStack.ControlPlane;

/// <summary>Users: local ones with a password, created by an admin; single sign-on ones are created at their first login.</summary>
public sealed partial class ControlPlaneService
{
    private const int MaximumEmailLength = 254;

    /// <summary>Logins on this node since the state was loaded: the store has them, the published state not until its next reload.</summary>
    private readonly ConcurrentDictionary<(string Tenant, string Name), DateTimeOffset> _logins = new();

    public IReadOnlyList<User> Users(string? tenant = null) =>
        _state.Snapshot.Users.Where(u => tenant is null || u.Tenant == tenant).Select(WithLastLogin).ToList();

    public User? FindUser(string tenant, string name) => _state.Users.TryGetValue((tenant, name), out var user) ? WithLastLogin(user) : null;

    public User CreateUser(string tenant, NewUser request, AuditActor actor)
    {
        if (!UserName.IsValid(request.Name))
            throw new ControlPlaneException(ControlPlaneError.Invalid, $"user name '{request.Name}' is invalid: use 1-{UserName.MaximumLength} of a-z, 0-9 and . _ - @ +");
        CheckEmail(request.Email);
        PasswordRules.Check(request.Password);
        // Hashed before taking the lock: it takes a quarter of a second.
        var password = PasswordHash.Create(request.Password, _identity.PasswordIterations).ToString();
        lock (_writeLock)
        {
            RequireTenant(tenant);
            CheckRole(tenant, request.Role);
            if (_state.Users.ContainsKey((tenant, request.Name)))
                throw new ControlPlaneException(ControlPlaneError.Conflict, $"tenant '{tenant}' has a user '{request.Name}' already; change it with PATCH /api/v1/admin/users/{request.Name}");
            var now = Now();
            var user = new User(tenant, request.Name, request.Email, request.Role, password, null, request.Disabled, now, now, now, null);
            Commit([new UserSaved(user)], new AuditEvent(actor, tenant, "user.create", user.Name, "success", After: UserJson.ToJson(user)));
            return user;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/>. A new password or disabling the user ends its sessions. A single sign-on
    /// user has no password, and its role and e-mail are set again from the identity provider at its next login.
    /// </summary>
    public User UpdateUser(string tenant, string name, UserChange change, AuditActor actor)
    {
        if (change.SetsEmail) CheckEmail(change.Email);
        string? password = null;
        if (change.Password is { } text)
        {
            PasswordRules.Check(text);
            password = PasswordHash.Create(text, _identity.PasswordIterations).ToString();
        }
        lock (_writeLock)
        {
            var before = RequireUser(tenant, name);
            if (password is not null && before.External is not null)
                throw new ControlPlaneException(ControlPlaneError.Conflict, $"user '{name}' signs in through the identity provider and has no password here");
            if (change.Role is { } role) CheckRole(tenant, role);
            var now = Now();
            var after = before with
            {
                Email = change.SetsEmail ? change.Email : before.Email,
                Role = change.Role ?? before.Role,
                Disabled = change.Disabled ?? before.Disabled,
                Password = password ?? before.Password,
                PasswordChangedAt = password is null ? before.PasswordChangedAt : now,
                UpdatedAt = now,
            };
            List<StoreWrite> writes = [new UserSaved(after)];
            if (password is not null || (after.Disabled && !before.Disabled)) writes.Add(new UserSessionsEnded(tenant, name));
            var action = after.Disabled != before.Disabled ? (after.Disabled ? "user.disable" : "user.enable")
                : password is not null && change is { SetsEmail: false, Role: null } ? "user.password"
                : "user.update";
            Commit(writes, new AuditEvent(actor, tenant, action, name, "success", UserJson.ToJson(before), UserJson.ToJson(after)));
            return after;
        }
    }

    /// <summary>Deletes the user and ends its sessions. A single sign-on user is created again at its next login.</summary>
    public void DeleteUser(string tenant, string name, AuditActor actor)
    {
        lock (_writeLock)
        {
            var before = RequireUser(tenant, name);
            Commit([new UserDeleted(tenant, name)], new AuditEvent(actor, tenant, "user.delete", name, "success", Before: UserJson.ToJson(before)));
        }
    }

    private User RequireUser(string tenant, string name)
    {
        RequireTenant(tenant);
        return FindUser(tenant, name) ?? throw new ControlPlaneException(ControlPlaneError.NotFound, $"tenant '{tenant}' has no user '{name}'");
    }

    /// <summary>The user with its latest login on this node, unless that login was a deleted namesake's.</summary>
    private User WithLastLogin(User user) =>
        _logins.TryGetValue((user.Tenant, user.Name), out var login) && login >= user.CreatedAt && !(user.LastLoginAt >= login)
            ? user with { LastLoginAt = login }
            : user;

    private static void CheckEmail(string? email)
    {
        if (email is null) return;
        var at = email.IndexOf('@');
        if (email.Length > MaximumEmailLength || at <= 0 || at == email.Length - 1 || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ControlPlaneException(ControlPlaneError.Invalid, $"email '{email}' is not an e-mail address");
    }
}
