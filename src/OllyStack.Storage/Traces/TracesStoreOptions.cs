using OllyStack.Core.Tenancy;

namespace OllyStack.Storage.Traces;

public sealed class TracesStoreOptions
{
    /// <summary>The folder holding a subfolder of parts per tenant.</summary>
    public required string Directory { get; init; }

    /// <summary>The head is written to a part at least this often while it holds spans.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>...and as soon as it holds this many spans, which bounds its memory.</summary>
    public long MaxHeadSpans { get; init; } = 500_000;

    /// <summary>
    /// Parts whose newest span started this far behind the tenant's newest span (or the clock) are deleted; merges
    /// keep a part within a day (or an eighth of a shorter retention) of spans, so nothing outlives this by more than
    /// that. For tenants the control plane knows, their own retention applies instead (<see cref="TenantPolicies"/>).
    /// </summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(15);

    /// <summary>Where each tenant's own retention comes from (the control plane); without it every tenant keeps <see cref="Retention"/>.</summary>
    public ITenantPolicies? TenantPolicies { get; init; }

    /// <summary>Merges and retention run after every flush and at least this often.</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromMinutes(1);
}
