using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Sessions;

namespace OllyStack.ControlPlane.Store;

/// <summary>Sign-in sessions: written outside commits, without a revision bump or an audit entry of their own.</summary>
public sealed partial class SqliteControlPlaneStore
{
    public void StartSession(Session session)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            Execute(transaction, """
                INSERT INTO sessions (hash, tenant, user_name, csrf, method, source, created_at, last_seen_at, expires_at)
                VALUES ($hash, $tenant, $user, $csrf, $method, $source, $created, $seen, $expires)
                """,
                ("$hash", session.Hash.ToString()), ("$tenant", session.Tenant), ("$user", session.User), ("$csrf", session.CsrfToken),
                ("$method", session.Method), ("$source", session.Source), ("$created", session.CreatedAt.ToUnixTimeMilliseconds()),
                ("$seen", session.LastSeenAt.ToUnixTimeMilliseconds()), ("$expires", session.ExpiresAt.ToUnixTimeMilliseconds()));
            Execute(transaction, "UPDATE users SET last_login_at = $at WHERE tenant = $tenant AND name = $user",
                ("$at", session.CreatedAt.ToUnixTimeMilliseconds()), ("$tenant", session.Tenant), ("$user", session.User));
            transaction.Commit();
        }
    }

    public Session? FindSession(KeyHash hash)
    {
        lock (_lock)
        {
            using var command = Command("SELECT tenant, user_name, csrf, method, source, created_at, last_seen_at, expires_at FROM sessions WHERE hash = $hash");
            command.Parameters.AddWithValue("$hash", hash.ToString());
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return null;
            return new Session(hash, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), NullableString(reader, 4),
                Time(reader.GetInt64(5)), Time(reader.GetInt64(6)), Time(reader.GetInt64(7)));
        }
    }

    public void TouchSession(KeyHash hash, DateTimeOffset lastSeen) =>
        ExecuteAlone("UPDATE sessions SET last_seen_at = max(last_seen_at, $at) WHERE hash = $hash", ("$at", lastSeen.ToUnixTimeMilliseconds()), ("$hash", hash.ToString()));

    public void EndSession(KeyHash hash) => ExecuteAlone("DELETE FROM sessions WHERE hash = $hash", ("$hash", hash.ToString()));

    public void EndExpiredSessions(DateTimeOffset now, DateTimeOffset idleSince) =>
        ExecuteAlone("DELETE FROM sessions WHERE expires_at <= $now OR last_seen_at < $idle",
            ("$now", now.ToUnixTimeMilliseconds()), ("$idle", idleSince.ToUnixTimeMilliseconds()));

    private void ExecuteAlone(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            Execute(transaction, sql, parameters);
            transaction.Commit();
        }
    }
}
