using System.Data;
using System.Text.Json;
using Npgsql;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Tenants;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Store;

/// <summary>
/// The control-plane store that several nodes share: one PostgreSQL database (docs/format/controlplane-postgres.md)
/// reached through a pool of connections. Every call is one short transaction on a pooled connection, so the store
/// needs no lock of its own; nodes see each other's changes through the revision they poll. Times are kept to the
/// millisecond, as the SQLite store keeps them, so both read back alike.
/// </summary>
public sealed partial class PostgresControlPlaneStore : IControlPlaneStore
{
    private readonly NpgsqlDataSource _source;

    private PostgresControlPlaneStore(NpgsqlDataSource source, string location)
    {
        _source = source;
        Location = location;
    }

    /// <summary>host:port/database, for messages; never the user or password.</summary>
    public string Location { get; }

    /// <summary>Connects, and creates or upgrades the tables; safe while other nodes open the same database.</summary>
    /// <param name="connectionString">A postgres:// URL or Npgsql settings (<see cref="PostgresConnectionString"/>).</param>
    /// <exception cref="ControlPlaneStoreException">The setting is unusable, the server unreachable, or the login or schema refused.</exception>
    public static PostgresControlPlaneStore Open(string connectionString) => Open(connectionString, readOnly: false);

    /// <summary>
    /// Connects only to read (verifying the audit log while servers run): every transaction is read-only, nothing is
    /// migrated, and a database without the control plane's tables is refused.
    /// </summary>
    public static PostgresControlPlaneStore OpenReadOnly(string connectionString) => Open(connectionString, readOnly: true);

    public long ReadRevision()
    {
        using var connection = _source.OpenConnection();
        return Revision(connection, null);
    }

    public ControlPlaneSnapshot Load()
    {
        using var connection = _source.OpenConnection();
        // One snapshot for every table: a commit of another node lands wholly before or wholly after this read.
        using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        return new ControlPlaneSnapshot(Revision(connection, transaction), ReadTenants(transaction), ReadKeys(transaction), ReadUsers(transaction), ReadRoles(transaction));
    }

    /// <summary>
    /// Three round trips while the audit chain is locked, however many rows change: the lock with the chain's head,
    /// then every write, the revision bump and the audit entry in one batch, then the commit.
    /// </summary>
    public void Commit(IReadOnlyList<StoreWrite> writes, AuditEvent audit, DateTimeOffset time)
    {
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var head = LockAuditChain(transaction);
        RunBatch(transaction, [.. writes.SelectMany(Statements), Statement("UPDATE meta SET value = value + 1 WHERE key = 'revision'"), .. AuditInserts([(audit, time)], head)]);
        transaction.Commit();
    }

    public void Append(IReadOnlyList<(AuditEvent Event, DateTimeOffset Time)> audit)
    {
        if (audit.Count == 0) return;
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        RunBatch(transaction, AuditInserts(audit, LockAuditChain(transaction)));
        transaction.Commit();
    }

    public void RecordKeyUse(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUsed)
    {
        if (lastUsed.Count == 0) return;
        // Rows in id order: two nodes updating the same keys lock them in the same order and never deadlock.
        ExecuteBatch(lastUsed.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => Statement(
            "UPDATE api_keys SET last_used_at = greatest(last_used_at, @at) WHERE id = @id", ("id", k.Key), ("at", Stored(k.Value)))));
    }

    public void Dispose() => _source.Dispose();

    private static PostgresControlPlaneStore Open(string connectionString, bool readOnly)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = PostgresConnectionString.Parse(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ControlPlaneStoreException($"--control-plane cannot be used: {e.Message}", e);
        }
        if (readOnly) builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        var location = PostgresConnectionString.Describe(builder);
        var source = NpgsqlDataSource.Create(builder);
        try
        {
            using var connection = source.OpenConnection();
            if (readOnly) PostgresSchema.Check(connection, location);
            else PostgresSchema.Upgrade(connection);
        }
        catch (Exception e)
        {
            source.Dispose();
            if (e is NpgsqlException npgsql) throw PostgresOpenFailure.Of(npgsql, builder, location);
            throw;
        }
        return new PostgresControlPlaneStore(source, location);
    }

    /// <summary>The rows <paramref name="write"/> changes, as statements to run in order.</summary>
    private static IEnumerable<NpgsqlBatchCommand> Statements(StoreWrite write) => write switch
    {
        TenantSaved(var tenant) => [SaveTenant(tenant)],
        // What a deleted tenant takes with it: sessions, users, roles and keys.
        TenantDeleted(var name) =>
        [
            .. new[] { "sessions", "users", "roles", "api_keys" }.Select(table => Statement($"DELETE FROM {table} WHERE tenant = @tenant", ("tenant", name))),
            Statement("DELETE FROM tenants WHERE name = @name", ("name", name)),
        ],
        KeySaved(var key) => [SaveKey(key)],
        UserSaved(var user) => [SaveUser(user)],
        UserDeleted(var tenant, var name) => [EndSessions(tenant, name), Statement("DELETE FROM users WHERE tenant = @tenant AND name = @name", ("tenant", tenant), ("name", name))],
        UserSessionsEnded(var tenant, var name) => [EndSessions(tenant, name)],
        RoleSaved(var role) => [SaveRole(role)],
        RoleDeleted(var tenant, var name) => [Statement("DELETE FROM roles WHERE tenant = @tenant AND name = @name", ("tenant", tenant), ("name", name))],
        _ => throw new ArgumentException($"unknown store write {write.GetType().Name}", nameof(write)),
    };

    private static NpgsqlBatchCommand SaveTenant(Tenant tenant) =>
        Statement("""
            INSERT INTO tenants (name, plan, suspended, overrides, created_at, updated_at) VALUES (@name, @plan, @suspended, @overrides::jsonb, @created, @updated)
            ON CONFLICT (name) DO UPDATE SET plan = excluded.plan, suspended = excluded.suspended, overrides = excluded.overrides, updated_at = excluded.updated_at
            """,
            ("name", tenant.Name), ("plan", tenant.Plan), ("suspended", tenant.Suspended), ("overrides", JsonText.Of(json => TenantLimitsJson.Write(json, tenant.Overrides))),
            ("created", Stored(tenant.CreatedAt)), ("updated", Stored(tenant.UpdatedAt)));

    // last_used_at is written by RecordKeyUse; an update leaves it alone so an older snapshot cannot move it back.
    private static NpgsqlBatchCommand SaveKey(ApiKey key) =>
        Statement("""
            INSERT INTO api_keys (id, tenant, name, scopes, prefix, hash, created_at, expires_at, revoked_at, last_used_at, replaced_by)
            VALUES (@id, @tenant, @name, @scopes, @prefix, @hash, @created, @expires, @revoked, @used, @replaced)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, scopes = excluded.scopes, expires_at = excluded.expires_at,
                revoked_at = excluded.revoked_at, replaced_by = excluded.replaced_by
            """,
            ("id", key.Id), ("tenant", key.Tenant), ("name", key.Name), ("scopes", key.Scopes.ToNames().ToArray()), ("prefix", key.Prefix),
            ("hash", key.Hash.ToString()), ("created", Stored(key.CreatedAt)), ("expires", Stored(key.ExpiresAt)), ("revoked", Stored(key.RevokedAt)),
            ("used", Stored(key.LastUsedAt)), ("replaced", key.ReplacedBy));

    private static List<Tenant> ReadTenants(NpgsqlTransaction transaction)
    {
        using var command = Command(transaction, "SELECT name, plan, suspended, overrides, created_at, updated_at FROM tenants ORDER BY name");
        using var reader = command.ExecuteReader();
        var tenants = new List<Tenant>();
        while (reader.Read())
        {
            using var overrides = JsonDocument.Parse(reader.GetString(3));
            tenants.Add(new Tenant(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), TenantLimitsJson.Read(overrides.RootElement),
                Time(reader, 4), Time(reader, 5)));
        }
        return tenants;
    }

    private static List<ApiKey> ReadKeys(NpgsqlTransaction transaction)
    {
        using var command = Command(transaction,
            "SELECT id, tenant, name, scopes, prefix, hash, created_at, expires_at, revoked_at, last_used_at, replaced_by FROM api_keys ORDER BY created_at, id");
        using var reader = command.ExecuteReader();
        var keys = new List<ApiKey>();
        while (reader.Read())
        {
            KeyScopeNames.TryParse(reader.GetFieldValue<string[]>(3), out var scopes, out _);
            keys.Add(new ApiKey(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), scopes, reader.GetString(4), KeyHash.Parse(reader.GetString(5)),
                Time(reader, 6), NullableTime(reader, 7), NullableTime(reader, 8), NullableTime(reader, 9), NullableString(reader, 10)));
        }
        return keys;
    }

    private static long Revision(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        using var command = new NpgsqlCommand("SELECT value FROM meta WHERE key = 'revision'", connection, transaction);
        return (long)command.ExecuteScalar()!;
    }
}
