using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Sessions;

namespace OllyStack.ControlPlane.Store;

/// <summary>
/// Where sign-in sessions live, beside the configuration so every node sharing the store knows them. Sessions are not
/// configuration: writing them neither bumps the revision nor adds audit entries (the login itself is audited).
/// </summary>
public interface ISessionStore
{
    /// <summary>Saves a new session and records its start as its user's last login.</summary>
    void StartSession(Session session);

    Session? FindSession(KeyHash hash);

    void TouchSession(KeyHash hash, DateTimeOffset lastSeen);

    void EndSession(KeyHash hash);

    /// <summary>Removes sessions whose expiry is not after <paramref name="now"/> or that were last used before <paramref name="idleSince"/>.</summary>
    void EndExpiredSessions(DateTimeOffset now, DateTimeOffset idleSince);
}
