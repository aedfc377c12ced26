namespace OllyStack.ControlPlane.Audit;

/// <summary>
/// Something to audit, before the log gives it a sequence number, a time and its place in the hash chain.
/// <see cref="Before"/> and <see cref="After"/> are the JSON of the changed resource (secrets never included).
/// </summary>
public sealed record AuditEvent(
    AuditActor Actor,
    string Tenant,
    string Action,
    string Target,
    string Outcome,
    string? Before = null,
    string? After = null);

/// <summary>Who did it: the principal's actor and tenant, and the address the request came from.</summary>
public sealed record AuditActor(string Actor, string Tenant, string? Source)
{
    /// <summary>Changes the server makes itself (the bootstrap key, importing the old key file).</summary>
    public static AuditActor System { get; } = new("system", "", null);
}
