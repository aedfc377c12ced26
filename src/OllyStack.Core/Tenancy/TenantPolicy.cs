namespace OllyStack.Core.Tenancy;

/// <summary>
/// A tenant's effective limits (its plan's defaults with its own overrides applied), as admission enforces them.
/// Byte figures are bytes of telemetry as the durable log holds it. A new instance is published on every change,
/// so a reference comparison tells an enforcer that the limits changed.
/// </summary>
public sealed record TenantPolicy(
    string Tenant,
    string Plan,
    bool Suspended,
    long MaxEventsPerSecond,
    long MaxBytesPerDay,
    long MaxBytesPerMonth,
    long MaxStorageBytes,
    int RetentionDays,
    double SamplingRate,
    Features AllowedFeatures,
    decimal OverageRate)
{
    /// <summary>With an overage rate the byte quotas are soft: data beyond them is accepted and billed at that rate.</summary>
    public bool ByteQuotasAreHard => OverageRate <= 0;
}
