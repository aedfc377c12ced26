using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Tenants;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Store;

/// <summary>
/// The embedded control-plane store: one SQLite database in the data folder, in WAL mode with full synchronous
/// commits, so a change the API acknowledged survives a crash. One connection, used under a lock: the control plane
/// changes rarely and reads its snapshot from memory.
/// </summary>
public sealed partial class SqliteControlPlaneStore : IControlPlaneStore
{
    public const string FileName = "controlplane.db";

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private SqliteControlPlaneStore(SqliteConnection connection) => _connection = connection;

    public static SqliteControlPlaneStore Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
            SqliteSchema.Upgrade(connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidDataException($"{path} cannot be opened as the control-plane database ({e.Message}); restore it from a backup", e);
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new SqliteControlPlaneStore(connection);
    }

    /// <summary>
    /// Opens an existing database only to read it (verifying the audit log while a server runs, or after a crash);
    /// nothing is migrated or written.
    /// </summary>
    public static SqliteControlPlaneStore OpenReadOnly(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} does not exist: is --data-dir the server's data folder?", path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            connection.Open();
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidDataException($"{path} cannot be opened as the control-plane database ({e.Message})", e);
        }
        return new SqliteControlPlaneStore(connection);
    }

    public long LastAuditSequence()
    {
        lock (_lock)
        {
            using var command = Command("SELECT coalesce(max(seq), 0) FROM audit");
            return Convert.ToInt64(command.ExecuteScalar());
        }
    }

    public long ReadRevision()
    {
        lock (_lock) return Revision(null);
    }

    public ControlPlaneSnapshot Load()
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            return new ControlPlaneSnapshot(Revision(transaction), ReadTenants(transaction), ReadKeys(transaction), ReadUsers(transaction), ReadRoles(transaction));
        }
    }

    public void Commit(IReadOnlyList<StoreWrite> writes, AuditEvent audit, DateTimeOffset time)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var write in writes) Apply(write, transaction);
            Execute(transaction, "UPDATE meta SET value = value + 1 WHERE key = 'revision'");
            AppendAudit(audit, time, transaction);
            transaction.Commit();
        }
    }

    public void Append(IReadOnlyList<(AuditEvent Event, DateTimeOffset Time)> audit)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var (entry, time) in audit) AppendAudit(entry, time, transaction);
            transaction.Commit();
        }
    }

    public IReadOnlyList<AuditEntry> ReadAudit(AuditQuery query)
    {
        var sql = new StringBuilder("SELECT seq, time, actor, actor_tenant, source, tenant, action, target, outcome, before, after, hash FROM audit WHERE seq > $after");
        if (query.Tenant is not null) sql.Append(" AND tenant = $tenant");
        if (query.From is not null) sql.Append(" AND time >= $from");
        if (query.To is not null) sql.Append(" AND time <= $to");
        if (query.Action is not null) sql.Append(" AND action = $action");
        sql.Append(" ORDER BY seq LIMIT $limit");
        lock (_lock)
        {
            using var command = Command(sql.ToString());
            command.Parameters.AddWithValue("$after", query.AfterSequence);
            command.Parameters.AddWithValue("$tenant", (object?)query.Tenant ?? DBNull.Value);
            command.Parameters.AddWithValue("$from", (object?)query.From?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            command.Parameters.AddWithValue("$to", (object?)query.To?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            command.Parameters.AddWithValue("$action", (object?)query.Action ?? DBNull.Value);
            command.Parameters.AddWithValue("$limit", query.Limit);
            using var reader = command.ExecuteReader();
            var entries = new List<AuditEntry>();
            while (reader.Read())
            {
                entries.Add(new AuditEntry(
                    reader.GetInt64(0), Time(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3), NullableString(reader, 4),
                    reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), NullableString(reader, 9),
                    NullableString(reader, 10), (byte[])reader[11]));
            }
            return entries;
        }
    }

    public void RecordKeyUse(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUsed)
    {
        if (lastUsed.Count == 0) return;
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = Command("UPDATE api_keys SET last_used_at = max(coalesce(last_used_at, 0), $at) WHERE id = $id", transaction);
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var at = command.Parameters.Add("$at", SqliteType.Integer);
            foreach (var (key, time) in lastUsed)
            {
                id.Value = key;
                at.Value = time.ToUnixTimeMilliseconds();
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    public void Dispose()
    {
        lock (_lock) _connection.Dispose();
    }

    private void Apply(StoreWrite write, SqliteTransaction transaction)
    {
        switch (write)
        {
            case TenantSaved(var tenant):
                Execute(transaction, """
                    INSERT INTO tenants (name, plan, suspended, overrides, created_at, updated_at) VALUES ($name, $plan, $suspended, $overrides, $created, $updated)
                    ON CONFLICT (name) DO UPDATE SET plan = excluded.plan, suspended = excluded.suspended, overrides = excluded.overrides, updated_at = excluded.updated_at
                    """,
                    ("$name", tenant.Name), ("$plan", tenant.Plan), ("$suspended", tenant.Suspended ? 1 : 0), ("$overrides", JsonText.Of(json => TenantLimitsJson.Write(json, tenant.Overrides))),
                    ("$created", tenant.CreatedAt.ToUnixTimeMilliseconds()), ("$updated", tenant.UpdatedAt.ToUnixTimeMilliseconds()));
                break;
            case TenantDeleted(var name):
                DeleteIdentities(name, transaction);
                Execute(transaction, "DELETE FROM api_keys WHERE tenant = $name", ("$name", name));
                Execute(transaction, "DELETE FROM tenants WHERE name = $name", ("$name", name));
                break;
            case KeySaved(var key):
                Execute(transaction, """
                    INSERT INTO api_keys (id, tenant, name, scopes, prefix, hash, created_at, expires_at, revoked_at, last_used_at, replaced_by)
                    VALUES ($id, $tenant, $name, $scopes, $prefix, $hash, $created, $expires, $revoked, $used, $replaced)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, scopes = excluded.scopes, expires_at = excluded.expires_at,
                        revoked_at = excluded.revoked_at, replaced_by = excluded.replaced_by
                    """,
                    ("$id", key.Id), ("$tenant", key.Tenant), ("$name", key.Name), ("$scopes", string.Join(",", key.Scopes.ToNames())),
                    ("$prefix", key.Prefix), ("$hash", key.Hash.ToString()), ("$created", key.CreatedAt.ToUnixTimeMilliseconds()),
                    ("$expires", key.ExpiresAt?.ToUnixTimeMilliseconds()), ("$revoked", key.RevokedAt?.ToUnixTimeMilliseconds()),
                    ("$used", key.LastUsedAt?.ToUnixTimeMilliseconds()), ("$replaced", key.ReplacedBy));
                break;
            case UserSaved(var user):
                SaveUser(user, transaction);
                break;
            case UserDeleted(var tenant, var name):
                DeleteUser(tenant, name, transaction);
                break;
            case UserSessionsEnded(var tenant, var name):
                Execute(transaction, "DELETE FROM sessions WHERE tenant = $tenant AND user_name = $name", ("$tenant", tenant), ("$name", name));
                break;
            case RoleSaved(var role):
                SaveRole(role, transaction);
                break;
            case RoleDeleted(var tenant, var name):
                Execute(transaction, "DELETE FROM roles WHERE tenant = $tenant AND name = $name", ("$tenant", tenant), ("$name", name));
                break;
            default:
                throw new ArgumentException($"unknown store write {write.GetType().Name}", nameof(write));
        }
    }

    private void AppendAudit(AuditEvent audit, DateTimeOffset time, SqliteTransaction transaction)
    {
        long sequence = 0;
        byte[] previous = AuditChain.Genesis.ToArray();
        using (var command = Command("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", transaction))
        using (var last = command.ExecuteReader())
        {
            if (last.Read())
            {
                sequence = last.GetInt64(0);
                previous = (byte[])last[1];
            }
        }
        var entry = AuditEntry.Of(audit, sequence + 1, DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()), previous);
        Execute(transaction, """
            INSERT INTO audit (seq, time, actor, actor_tenant, source, tenant, action, target, outcome, before, after, hash)
            VALUES ($seq, $time, $actor, $actorTenant, $source, $tenant, $action, $target, $outcome, $before, $after, $hash)
            """,
            ("$seq", entry.Sequence), ("$time", entry.Time.ToUnixTimeMilliseconds()), ("$actor", entry.Actor), ("$actorTenant", entry.ActorTenant),
            ("$source", entry.Source), ("$tenant", entry.Tenant), ("$action", entry.Action), ("$target", entry.Target), ("$outcome", entry.Outcome),
            ("$before", entry.Before), ("$after", entry.After), ("$hash", entry.Hash));
    }

    private List<Tenant> ReadTenants(SqliteTransaction transaction)
    {
        using var command = Command("SELECT name, plan, suspended, overrides, created_at, updated_at FROM tenants ORDER BY name", transaction);
        using var reader = command.ExecuteReader();
        var tenants = new List<Tenant>();
        while (reader.Read())
        {
            using var overrides = JsonDocument.Parse(reader.GetString(3));
            tenants.Add(new Tenant(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0, TenantLimitsJson.Read(overrides.RootElement),
                Time(reader.GetInt64(4)), Time(reader.GetInt64(5))));
        }
        return tenants;
    }

    private List<ApiKey> ReadKeys(SqliteTransaction transaction)
    {
        using var command = Command(
            "SELECT id, tenant, name, scopes, prefix, hash, created_at, expires_at, revoked_at, last_used_at, replaced_by FROM api_keys ORDER BY created_at, id",
            transaction);
        using var reader = command.ExecuteReader();
        var keys = new List<ApiKey>();
        while (reader.Read())
        {
            KeyScopeNames.TryParse(reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries), out var scopes, out _);
            keys.Add(new ApiKey(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), scopes, reader.GetString(4), KeyHash.Parse(reader.GetString(5)),
                Time(reader.GetInt64(6)), NullableTime(reader, 7), NullableTime(reader, 8), NullableTime(reader, 9), NullableString(reader, 10)));
        }
        return keys;
    }

    private long Revision(SqliteTransaction? transaction)
    {
        using var command = Command("SELECT value FROM meta WHERE key = 'revision'", transaction);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private void Execute(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader.GetInt64(ordinal));

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
