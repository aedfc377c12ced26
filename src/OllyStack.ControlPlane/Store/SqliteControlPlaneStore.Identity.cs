using Microsoft.Data.Sqlite;
using OllyStack.ControlPlane.Roles;
using OllyStack.ControlPlane.Users;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Store;

/// <summary>Users and custom roles: rows of the snapshot, written by commits like tenants and keys.</summary>
public sealed partial class SqliteControlPlaneStore
{
    private void SaveUser(User user, SqliteTransaction transaction) =>
        // last_login_at is written by StartSession; an update leaves it alone so an older snapshot cannot move it back.
        Execute(transaction, """
            INSERT INTO users (tenant, name, email, role, password, issuer, subject, disabled, created_at, updated_at, password_changed_at, last_login_at)
            VALUES ($tenant, $name, $email, $role, $password, $issuer, $subject, $disabled, $created, $updated, $passwordChanged, $lastLogin)
            ON CONFLICT (tenant, name) DO UPDATE SET email = excluded.email, role = excluded.role, password = excluded.password,
                issuer = excluded.issuer, subject = excluded.subject, disabled = excluded.disabled, updated_at = excluded.updated_at,
                password_changed_at = excluded.password_changed_at
            """,
            ("$tenant", user.Tenant), ("$name", user.Name), ("$email", user.Email), ("$role", user.Role), ("$password", user.Password),
            ("$issuer", user.External?.Issuer), ("$subject", user.External?.Subject), ("$disabled", user.Disabled ? 1 : 0),
            ("$created", user.CreatedAt.ToUnixTimeMilliseconds()), ("$updated", user.UpdatedAt.ToUnixTimeMilliseconds()),
            ("$passwordChanged", user.PasswordChangedAt?.ToUnixTimeMilliseconds()), ("$lastLogin", user.LastLoginAt?.ToUnixTimeMilliseconds()));

    private void DeleteUser(string tenant, string name, SqliteTransaction transaction)
    {
        Execute(transaction, "DELETE FROM sessions WHERE tenant = $tenant AND user_name = $name", ("$tenant", tenant), ("$name", name));
        Execute(transaction, "DELETE FROM users WHERE tenant = $tenant AND name = $name", ("$tenant", tenant), ("$name", name));
    }

    private void SaveRole(Role role, SqliteTransaction transaction) =>
        Execute(transaction, """
            INSERT INTO roles (tenant, name, permissions, created_at, updated_at) VALUES ($tenant, $name, $permissions, $created, $updated)
            ON CONFLICT (tenant, name) DO UPDATE SET permissions = excluded.permissions, updated_at = excluded.updated_at
            """,
            ("$tenant", role.Tenant), ("$name", role.Name), ("$permissions", string.Join(",", role.Permissions.ToNames())),
            ("$created", role.CreatedAt.ToUnixTimeMilliseconds()), ("$updated", role.UpdatedAt.ToUnixTimeMilliseconds()));

    /// <summary>What a deleted tenant takes with it besides its keys.</summary>
    private void DeleteIdentities(string tenant, SqliteTransaction transaction)
    {
        foreach (var table in (ReadOnlySpan<string>)["sessions", "users", "roles"])
            Execute(transaction, $"DELETE FROM {table} WHERE tenant = $tenant", ("$tenant", tenant));
    }

    private List<User> ReadUsers(SqliteTransaction transaction)
    {
        using var command = Command("""
            SELECT tenant, name, email, role, password, issuer, subject, disabled, created_at, updated_at, password_changed_at, last_login_at
            FROM users ORDER BY tenant, name
            """, transaction);
        using var reader = command.ExecuteReader();
        var users = new List<User>();
        while (reader.Read())
        {
            var external = reader.IsDBNull(5) ? null : new ExternalIdentity(reader.GetString(5), reader.GetString(6));
            users.Add(new User(
                reader.GetString(0), reader.GetString(1), NullableString(reader, 2), reader.GetString(3), NullableString(reader, 4), external,
                reader.GetInt64(7) != 0, Time(reader.GetInt64(8)), Time(reader.GetInt64(9)), NullableTime(reader, 10), NullableTime(reader, 11)));
        }
        return users;
    }

    private List<Role> ReadRoles(SqliteTransaction transaction)
    {
        using var command = Command("SELECT tenant, name, permissions, created_at, updated_at FROM roles ORDER BY tenant, name", transaction);
        using var reader = command.ExecuteReader();
        var roles = new List<Role>();
        while (reader.Read())
        {
            PermissionNames.TryParse(reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries), out var permissions, out _);
            roles.Add(new Role(reader.GetString(0), reader.GetString(1), permissions, Time(reader.GetInt64(3)), Time(reader.GetInt64(4))));
        }
        return roles;
    }
}
