using OllyStack.Core.Tenancy;

namespace OllyStack.Storage;

/// <summary>
/// The log or span stores of all tenants under one folder (a tenant's exists from its first record on), and the
/// maintenance thread that merges their parts and applies retention in the background, woken by every flush.
/// </summary>
public abstract class RecordStore<TTenant> : IDisposable where TTenant : class, IRecordTenant
{
    private readonly TimeSpan _retention;
    private readonly ITenantPolicies? _tenantPolicies;
    private readonly TenantFolders<TTenant> _tenants;
    private readonly Lock _maintainLock = new();
    private readonly MaintenanceLoop _maintenance;

    /// <param name="open">Opens a tenant's store from its folder and name.</param>
    private protected RecordStore(string directory, Func<string, string, TTenant> open, TimeSpan retention, ITenantPolicies? tenantPolicies, TimeSpan maintenanceInterval)
    {
        _retention = retention;
        _tenantPolicies = tenantPolicies;
        _tenants = new TenantFolders<TTenant>(directory, open, t => t.Tenant);
        _maintenance = new MaintenanceLoop(ct => Maintain(ct), maintenanceInterval);
    }

    /// <summary>Part files found damaged on open and set aside.</summary>
    public IReadOnlyList<string> DamagedParts => Tenants.SelectMany(t => t.Damaged).ToList();

    /// <summary>Why background maintenance last failed, if it did; it retries on its next round.</summary>
    public Exception? MaintenanceFailure => _maintenance.Failure;

    private protected IReadOnlyList<TTenant> Tenants => _tenants.All;

    /// <summary>True while some tenant's head holds records not yet written to parts.</summary>
    public abstract bool HasUnflushed { get; }

    /// <summary>True when the heads should be written to parts: they are old enough, or big enough.</summary>
    public abstract bool FlushDue(TimeSpan sinceLastFlush);

    public TTenant For(string tenant) => _tenants.For(tenant);

    /// <summary>The tenant's store, or null if it has nothing yet. Reads never create one.</summary>
    public TTenant? Find(string tenant) => _tenants.Find(tenant);

    /// <summary>
    /// Writes every tenant's head to parts (storage writer thread only), each recording that everything below
    /// <paramref name="logEnd"/> of the topic is applied, and wakes the maintenance thread; returns the records written.
    /// </summary>
    public long Flush(long logEnd)
    {
        var written = Tenants.Sum(t => t.Flush(logEnd));
        if (written > 0) _maintenance.Wake();
        return written;
    }

    /// <summary>Runs merges and retention now, on the calling thread, until nothing is left to do; returns the merges done.</summary>
    public int Maintain(CancellationToken cancellationToken = default)
    {
        lock (_maintainLock) return Tenants.Sum(t => t.Maintain(TenantRetention.Of(t.Tenant, _retention, _tenantPolicies), cancellationToken));
    }

    public void Dispose()
    {
        _maintenance.Dispose();
        _tenants.Dispose();
        GC.SuppressFinalize(this);
    }
}
