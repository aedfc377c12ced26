namespace OllyStack.ControlPlane.Audit;

/// <summary>Which audit entries to read: those of one tenant (or all), in a time range, after a sequence number, oldest first.</summary>
public sealed record AuditQuery(
    string? Tenant = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Action = null,
    long AfterSequence = 0,
    int Limit = 1000);
