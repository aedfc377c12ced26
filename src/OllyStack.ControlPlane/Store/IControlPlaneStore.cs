using OllyStack.ControlPlane.Audit;

namespace OllyStack.ControlPlane.Store;

/// <summary>
/// Where the control plane persists (configuration, sessions, audit log and usage): SQLite in the data folder by
/// default, PostgreSQL shared by every node when several serve. Every change bumps the revision, which nodes poll to
/// pick up each other's changes.
/// </summary>
public interface IControlPlaneStore : ISessionStore, IUsageStore, IDisposable
{
    long ReadRevision();

    ControlPlaneSnapshot Load();

    /// <summary>Applies <paramref name="writes"/> and appends <paramref name="audit"/> atomically, then bumps the revision.</summary>
    void Commit(IReadOnlyList<StoreWrite> writes, AuditEvent audit, DateTimeOffset time);

    /// <summary>Appends audit entries that change nothing else (logins, denied requests), in one transaction.</summary>
    void Append(IReadOnlyList<(AuditEvent Event, DateTimeOffset Time)> audit);

    IReadOnlyList<AuditEntry> ReadAudit(AuditQuery query);

    /// <summary>The sequence number of the newest audit entry, 0 when there is none.</summary>
    long LastAuditSequence();

    /// <summary>Records when keys were last used; not a configuration change, so neither audited nor a new revision.</summary>
    void RecordKeyUse(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUsed);
}
