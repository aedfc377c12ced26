using Npgsql;
using OllyStack.ControlPlane.Roles;
using OllyStack.ControlPlane.Users;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Store;

/// <summary>Users and custom roles: rows of the snapshot, written by commits like tenants and keys.</summary>
public sealed partial class PostgresControlPlaneStore
{
    private const string UserColumns =
        "tenant, name, email, role, password, issuer, subject, disabled, created_at, updated_at, password_changed_at, last_login_at";

    // last_login_at is written by StartSession; an update leaves it alone so an older snapshot cannot move it back.
    private static NpgsqlBatchCommand SaveUser(User user) =>
        Statement($"""
            INSERT INTO users ({UserColumns})
            VALUES (@tenant, @name, @email, @role, @password, @issuer, @subject, @disabled, @created, @updated, @passwordChanged, @lastLogin)
            ON CONFLICT (tenant, name) DO UPDATE SET email = excluded.email, role = excluded.role, password = excluded.password,
                issuer = excluded.issuer, subject = excluded.subject, disabled = excluded.disabled, updated_at = excluded.updated_at,
                password_changed_at = excluded.password_changed_at
            """,
            ("tenant", user.Tenant), ("name", user.Name), ("email", user.Email), ("role", user.Role), ("password", user.Password),
            ("issuer", user.External?.Issuer), ("subject", user.External?.Subject), ("disabled", user.Disabled), ("created", Stored(user.CreatedAt)),
            ("updated", Stored(user.UpdatedAt)), ("passwordChanged", Stored(user.PasswordChangedAt)), ("lastLogin", Stored(user.LastLoginAt)));

    private static NpgsqlBatchCommand EndSessions(string tenant, string user) =>
        Statement("DELETE FROM sessions WHERE tenant = @tenant AND user_name = @user", ("tenant", tenant), ("user", user));

    private static NpgsqlBatchCommand SaveRole(Role role) =>
        Statement("""
            INSERT INTO roles (tenant, name, permissions, created_at, updated_at) VALUES (@tenant, @name, @permissions, @created, @updated)
            ON CONFLICT (tenant, name) DO UPDATE SET permissions = excluded.permissions, updated_at = excluded.updated_at
            """,
            ("tenant", role.Tenant), ("name", role.Name), ("permissions", role.Permissions.ToNames().ToArray()),
            ("created", Stored(role.CreatedAt)), ("updated", Stored(role.UpdatedAt)));

    private static List<User> ReadUsers(NpgsqlTransaction transaction)
    {
        using var command = Command(transaction, $"SELECT {UserColumns} FROM users ORDER BY tenant, name");
        using var reader = command.ExecuteReader();
        var users = new List<User>();
        while (reader.Read())
        {
            var external = reader.IsDBNull(5) ? null : new ExternalIdentity(reader.GetString(5), reader.GetString(6));
            users.Add(new User(
                reader.GetString(0), reader.GetString(1), NullableString(reader, 2), reader.GetString(3), NullableString(reader, 4), external,
                reader.GetBoolean(7), Time(reader, 8), Time(reader, 9), NullableTime(reader, 10), NullableTime(reader, 11)));
        }
        return users;
    }

    private static List<Role> ReadRoles(NpgsqlTransaction transaction)
    {
        using var command = Command(transaction, "SELECT tenant, name, permissions, created_at, updated_at FROM roles ORDER BY tenant, name");
        using var reader = command.ExecuteReader();
        var roles = new List<Role>();
        while (reader.Read())
        {
            PermissionNames.TryParse(reader.GetFieldValue<string[]>(2), out var permissions, out _);
            roles.Add(new Role(reader.GetString(0), reader.GetString(1), permissions, Time(reader, 3), Time(reader, 4)));
        }
        return roles;
    }
}
