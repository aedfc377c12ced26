using Microsoft.Data.Sqlite;

namespace OllyStack.ControlPlane.Store;

/// <summary>
/// The tables of the embedded control-plane database (docs/format/controlplane-db.md), created or upgraded on open.
/// <c>PRAGMA user_version</c> holds how many of <see cref="Migrations"/> have run.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT INTO meta (key, value) VALUES ('revision', 0);
        CREATE TABLE tenants (
            name TEXT PRIMARY KEY, plan TEXT NOT NULL, suspended INTEGER NOT NULL, overrides TEXT NOT NULL,
            created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY, tenant TEXT NOT NULL, name TEXT NOT NULL, scopes TEXT NOT NULL, prefix TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, expires_at INTEGER, revoked_at INTEGER,
            last_used_at INTEGER, replaced_by TEXT);
        CREATE INDEX api_keys_by_tenant ON api_keys (tenant);
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, actor TEXT NOT NULL, actor_tenant TEXT NOT NULL, source TEXT,
            tenant TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, outcome TEXT NOT NULL, before TEXT, after TEXT,
            hash BLOB NOT NULL);
        CREATE INDEX audit_by_tenant ON audit (tenant, seq);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """,
        """
        CREATE TABLE usage (
            tenant TEXT NOT NULL, hour INTEGER NOT NULL,
            received_events INTEGER NOT NULL DEFAULT 0, received_bytes INTEGER NOT NULL DEFAULT 0,
            accepted_events INTEGER NOT NULL DEFAULT 0, accepted_bytes INTEGER NOT NULL DEFAULT 0,
            sampled_out_events INTEGER NOT NULL DEFAULT 0, sampled_out_bytes INTEGER NOT NULL DEFAULT 0,
            rejected_events INTEGER NOT NULL DEFAULT 0, rejected_bytes INTEGER NOT NULL DEFAULT 0,
            queries INTEGER NOT NULL DEFAULT 0,
            stored_hot_bytes INTEGER NOT NULL DEFAULT 0, stored_warm_bytes INTEGER NOT NULL DEFAULT 0, stored_cold_bytes INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (tenant, hour));
        """,
        """
        CREATE TABLE users (
            tenant TEXT NOT NULL, name TEXT NOT NULL, email TEXT, role TEXT NOT NULL, password TEXT, issuer TEXT, subject TEXT,
            disabled INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, password_changed_at INTEGER,
            last_login_at INTEGER, PRIMARY KEY (tenant, name));
        CREATE UNIQUE INDEX users_by_identity ON users (tenant, issuer, subject) WHERE issuer IS NOT NULL;
        CREATE TABLE roles (
            tenant TEXT NOT NULL, name TEXT NOT NULL, permissions TEXT NOT NULL, created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL, PRIMARY KEY (tenant, name));
        CREATE TABLE sessions (
            hash TEXT PRIMARY KEY, tenant TEXT NOT NULL, user_name TEXT NOT NULL, csrf TEXT NOT NULL, method TEXT NOT NULL,
            source TEXT, created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
        CREATE INDEX sessions_by_user ON sessions (tenant, user_name);
        """,
    ];

    public static void Upgrade(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"));
        if (version > Migrations.Length)
            throw new InvalidDataException($"the control-plane database has schema version {version}, newer than this ollystack knows ({Migrations.Length}); run a newer ollystack");
        for (; version < Migrations.Length; version++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
