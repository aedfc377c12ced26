namespace OllyStack.ControlPlane.Audit;

/// <summary>
/// One entry of the append-only audit log. <see cref="Hash"/> is SHA-256 over the previous entry's hash and this
/// entry's fields (<see cref="AuditChain"/>), so changing, removing or reordering any entry breaks every later link.
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Time,
    string Actor,
    string ActorTenant,
    string? Source,
    string Tenant,
    string Action,
    string Target,
    string Outcome,
    string? Before,
    string? After,
    byte[] Hash)
{
    public static AuditEntry Of(AuditEvent e, long sequence, DateTimeOffset time, ReadOnlySpan<byte> previousHash)
    {
        var entry = new AuditEntry(sequence, time, e.Actor.Actor, e.Actor.Tenant, e.Actor.Source, e.Tenant, e.Action, e.Target, e.Outcome, e.Before, e.After, []);
        return entry with { Hash = AuditChain.HashOf(entry, previousHash) };
    }
}
