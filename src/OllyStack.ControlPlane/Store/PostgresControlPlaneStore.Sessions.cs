using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Sessions;

namespace OllyStack.ControlPlane.Store;

/// <summary>Sign-in sessions: written outside commits, without a revision bump or an audit entry of their own.</summary>
public sealed partial class PostgresControlPlaneStore
{
    public void StartSession(Session session) => ExecuteBatch(
    [
        Statement("""
            INSERT INTO sessions (hash, tenant, user_name, csrf, method, source, created_at, last_seen_at, expires_at)
            VALUES (@hash, @tenant, @user, @csrf, @method, @source, @created, @seen, @expires)
            """,
            ("hash", session.Hash.ToString()), ("tenant", session.Tenant), ("user", session.User), ("csrf", session.CsrfToken),
            ("method", session.Method), ("source", session.Source), ("created", Stored(session.CreatedAt)), ("seen", Stored(session.LastSeenAt)),
            ("expires", Stored(session.ExpiresAt))),
        Statement("UPDATE users SET last_login_at = @at WHERE tenant = @tenant AND name = @user",
            ("at", Stored(session.CreatedAt)), ("tenant", session.Tenant), ("user", session.User)),
    ]);

    public Session? FindSession(KeyHash hash)
    {
        using var connection = _source.OpenConnection();
        using var command = Command(connection, null,
            "SELECT tenant, user_name, csrf, method, source, created_at, last_seen_at, expires_at FROM sessions WHERE hash = @hash", ("hash", hash.ToString()));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new Session(hash, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), NullableString(reader, 4),
            Time(reader, 5), Time(reader, 6), Time(reader, 7));
    }

    // Two nodes serving one session may touch it out of order: the later time wins.
    public void TouchSession(KeyHash hash, DateTimeOffset lastSeen) =>
        ExecuteAlone("UPDATE sessions SET last_seen_at = greatest(last_seen_at, @at) WHERE hash = @hash", ("at", Stored(lastSeen)), ("hash", hash.ToString()));

    public void EndSession(KeyHash hash) => ExecuteAlone("DELETE FROM sessions WHERE hash = @hash", ("hash", hash.ToString()));

    public void EndExpiredSessions(DateTimeOffset now, DateTimeOffset idleSince) =>
        ExecuteAlone("DELETE FROM sessions WHERE expires_at <= @now OR last_seen_at < @idle", ("now", Stored(now)), ("idle", Stored(idleSince)));
}
