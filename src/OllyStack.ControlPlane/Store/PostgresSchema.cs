using Npgsql;

namespace OllyStack.ControlPlane.Store;

/// <summary>
/// The tables of the shared control-plane database (docs/format/controlplane-postgres.md), created or upgraded on open.
/// <c>schema_migrations</c> holds one row per migration of <see cref="Migrations"/> that has run.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>
    /// Held (for one transaction) by a node that migrates, so nodes starting at once migrate one after the other and
    /// the later ones find the work done. Advisory locks are per database, so two OllyStack clusters in two databases
    /// of one server do not wait for each other. The value spells "olly" and a number.
    /// </summary>
    public const long MigrationLock = 0x6F6C_6C79_0000_0001;

    // Names that the snapshot is ordered by sort in byte order (COLLATE "C"), as in SQLite, whatever the database's locale.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE meta (key text PRIMARY KEY, value bigint NOT NULL);
        INSERT INTO meta (key, value) VALUES ('revision', 0);
        CREATE TABLE tenants (
            name text COLLATE "C" PRIMARY KEY, plan text NOT NULL, suspended boolean NOT NULL, overrides jsonb NOT NULL,
            created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
        CREATE TABLE api_keys (
            id text COLLATE "C" PRIMARY KEY, tenant text NOT NULL, name text NOT NULL, scopes text[] NOT NULL, prefix text NOT NULL,
            hash text NOT NULL UNIQUE, created_at timestamptz NOT NULL, expires_at timestamptz, revoked_at timestamptz,
            last_used_at timestamptz, replaced_by text);
        CREATE INDEX api_keys_by_tenant ON api_keys (tenant);
        CREATE TABLE audit (
            seq bigint PRIMARY KEY, time timestamptz NOT NULL, actor text NOT NULL, actor_tenant text NOT NULL, source text,
            tenant text NOT NULL, action text NOT NULL, target text NOT NULL, outcome text NOT NULL, before text, after text,
            hash bytea NOT NULL CHECK (octet_length(hash) = 32));
        CREATE INDEX audit_by_tenant ON audit (tenant, seq);
        CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit
            FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
        CREATE TABLE usage (
            tenant text COLLATE "C" NOT NULL, hour timestamptz NOT NULL,
            received_events bigint NOT NULL DEFAULT 0, received_bytes bigint NOT NULL DEFAULT 0,
            accepted_events bigint NOT NULL DEFAULT 0, accepted_bytes bigint NOT NULL DEFAULT 0,
            sampled_out_events bigint NOT NULL DEFAULT 0, sampled_out_bytes bigint NOT NULL DEFAULT 0,
            rejected_events bigint NOT NULL DEFAULT 0, rejected_bytes bigint NOT NULL DEFAULT 0,
            queries bigint NOT NULL DEFAULT 0,
            stored_hot_bytes bigint NOT NULL DEFAULT 0, stored_warm_bytes bigint NOT NULL DEFAULT 0, stored_cold_bytes bigint NOT NULL DEFAULT 0,
            PRIMARY KEY (tenant, hour));
        CREATE TABLE users (
            tenant text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL, email text, role text NOT NULL, password text, issuer text, subject text,
            disabled boolean NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
            password_changed_at timestamptz, last_login_at timestamptz, PRIMARY KEY (tenant, name));
        CREATE UNIQUE INDEX users_by_identity ON users (tenant, issuer, subject) WHERE issuer IS NOT NULL;
        CREATE TABLE roles (
            tenant text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL, permissions text[] NOT NULL, created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL, PRIMARY KEY (tenant, name));
        CREATE TABLE sessions (
            hash text PRIMARY KEY, tenant text NOT NULL, user_name text NOT NULL, csrf text NOT NULL, method text NOT NULL,
            source text, created_at timestamptz NOT NULL, last_seen_at timestamptz NOT NULL, expires_at timestamptz NOT NULL);
        CREATE INDEX sessions_by_user ON sessions (tenant, user_name);
        """,
    ];

    /// <summary>Runs the migrations the database lacks, all in one transaction: a node that fails half-way leaves nothing half-made.</summary>
    public static void Upgrade(NpgsqlConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})");
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        for (var version = CheckedVersion(connection, transaction); version < Migrations.Length; version++)
        {
            Execute(connection, transaction, Migrations[version]);
            Execute(connection, transaction, $"INSERT INTO schema_migrations (version) VALUES ({version + 1})");
        }
        transaction.Commit();
    }

    /// <summary>Checks, without writing, that the database holds a control plane this ollystack can read.</summary>
    public static void Check(NpgsqlConnection connection, string location)
    {
        using var transaction = connection.BeginTransaction();
        using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection, transaction))
        {
            if (!(bool)exists.ExecuteScalar()!)
                throw new ControlPlaneStoreException($"{location} holds no OllyStack control plane: is --control-plane the setting the servers use?");
        }
        if (CheckedVersion(connection, transaction) < Migrations.Length)
            throw new ControlPlaneStoreException($"{location} holds an older control-plane schema: start an ollystack server of this version on it once to upgrade it");
    }

    private static int CheckedVersion(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection, transaction);
        var version = (int)command.ExecuteScalar()!;
        if (version > Migrations.Length)
            throw new ControlPlaneStoreException($"the control-plane database has schema version {version}, newer than this ollystack knows ({Migrations.Length}); run a newer ollystack");
        return version;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
