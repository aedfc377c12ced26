using OllyStack.Core.Tenancy;

namespace OllyStack.Storage.Metrics;

public sealed class MetricsStoreOptions
{
    /// <summary>Where the tenants' series logs and parts live: one folder per tenant.</summary>
    public required string Directory { get; init; }

    /// <summary>How far behind a series' newest sample an older sample may still be inserted.</summary>
    public TimeSpan OutOfOrderWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often the heads are written to parts (and the log's offset committed). Bounds the log a restart replays.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Flush earlier once the heads hold this many samples (16 bytes each in memory, and each series keeps the array
    /// capacity its busiest interval needed): 2 M keeps a fast backfill's head near 64 MiB.
    /// </summary>
    public long MaxHeadSamples { get; init; } = 2_000_000;

    /// <summary>
    /// Days of data older than this, behind a tenant's newest sample, are deleted; for tenants the control plane knows,
    /// their own retention applies instead (<see cref="TenantPolicies"/>).
    /// </summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(15);

    /// <summary>Where each tenant's own retention comes from (the control plane); without it every tenant keeps <see cref="Retention"/>.</summary>
    public ITenantPolicies? TenantPolicies { get; init; }

    /// <summary>How often the background merger looks for work when no flush wakes it.</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromSeconds(10);
}
