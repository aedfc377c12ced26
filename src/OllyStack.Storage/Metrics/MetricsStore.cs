using System.Diagnostics.Metrics;
using OllyStack.Core.Tenancy;

namespace OllyStack.Storage.Metrics;

/// <summary>
/// The metric stores of all tenants under one folder (a tenant's exists from its first sample on), and the
/// maintenance thread that merges their parts and applies retention in the background, woken by every flush.
/// </summary>
public sealed class MetricsStore : IAsyncDisposable
{
    private readonly Dictionary<string, TenantMetrics> _tenants = new(StringComparer.Ordinal);
    private readonly Lock _tenantsLock = new();
    private readonly Lock _maintainLock = new();
    private readonly MetricsStoreOptions _options;
    private readonly Meter _meter = new("OllyStack.Storage");
    private readonly Counter<long> _merges;
    private readonly MaintenanceLoop _maintenance;
    private volatile TenantMetrics[] _snapshot = [];

    private MetricsStore(MetricsStoreOptions options)
    {
        _options = options;
        _merges = _meter.CreateCounter<long>("ollystack.storage.merges", description: "Metric part merges completed.");
        _meter.CreateObservableGauge("ollystack.storage.parts", () => Tenants.Sum(t => t.Parts.Current.Count), description: "Metric parts on disk.");
        _meter.CreateObservableGauge("ollystack.storage.part.bytes", () => Tenants.Sum(t => t.Parts.Current.Sum(p => p.Length)), "By", "Bytes of metric parts on disk.");
        _meter.CreateObservableGauge("ollystack.storage.part.samples", () => Tenants.Sum(t => t.Parts.Current.Sum(p => p.Header.SampleCount)), description: "Samples in metric parts on disk.");
        _meter.CreateObservableGauge("ollystack.storage.head.samples", () => HeadSamples, description: "Samples in memory, not yet flushed to parts.");
        _maintenance = new MaintenanceLoop(ct => _merges.Add(Maintain(ct)), options.MaintenanceInterval);
    }

    /// <summary>Why background maintenance last failed, if it did; it retries on its next round.</summary>
    public Exception? MaintenanceFailure => _maintenance.Failure;

    /// <summary>Part files found damaged on open and set aside.</summary>
    public IReadOnlyList<string> DamagedParts => Tenants.SelectMany(t => t.Parts.Damaged).ToList();

    public long HeadSamples => Tenants.Sum(t => t.Head.SampleCount);

    private TenantMetrics[] Tenants => _snapshot;

    /// <summary>Opens every tenant found under <see cref="MetricsStoreOptions.Directory"/>.</summary>
    public static MetricsStore Open(MetricsStoreOptions options)
    {
        Directory.CreateDirectory(options.Directory);
        var store = new MetricsStore(options);
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(options.Directory))
                if (Path.GetFileName(folder) is var tenant && TenantName.IsValid(tenant)) store.For(tenant);
        }
        catch
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return store;
    }

    public TenantMetrics For(string tenant)
    {
        if (Find(tenant) is { } existing) return existing;
        lock (_tenantsLock)
        {
            if (_tenants.TryGetValue(tenant, out existing)) return existing;
            var opened = TenantMetrics.Open(Path.Combine(_options.Directory, tenant), tenant, _options);
            _tenants[tenant] = opened;
            _snapshot = [.. _tenants.Values];
            return opened;
        }
    }

    /// <summary>The tenant's store, or null if it has no metrics yet. Reads never create one.</summary>
    public TenantMetrics? Find(string tenant)
    {
        foreach (var candidate in Tenants)
            if (candidate.Tenant == tenant) return candidate;
        return null;
    }

    /// <summary>True when the heads should go to disk: they hold too many samples, or samples older than the flush interval.</summary>
    public bool FlushDue(TimeSpan sinceLastFlush)
    {
        var samples = HeadSamples;
        return samples >= _options.MaxHeadSamples || (samples > 0 && sinceLastFlush >= _options.FlushInterval);
    }

    /// <summary>Writes every tenant's head to parts (storage writer thread only) and wakes the merger.</summary>
    public void Flush()
    {
        var written = 0;
        foreach (var tenant in Tenants) written += tenant.Flush();
        if (written > 0) _maintenance.Wake();
    }

    /// <summary>Runs merges and retention now, on the calling thread, until nothing is left to do.</summary>
    public int Maintain(CancellationToken cancellationToken = default)
    {
        lock (_maintainLock) return Tenants.Sum(t => t.Maintain(cancellationToken));
    }

    /// <summary>Merges every tenant's partitions into one compact part each, now, on the calling thread.</summary>
    public int ForceMerge(CancellationToken cancellationToken = default)
    {
        lock (_maintainLock) return Tenants.Sum(t => t.ForceMerge(cancellationToken));
    }

    public ValueTask DisposeAsync()
    {
        _maintenance.Dispose();
        foreach (var tenant in Tenants) tenant.Dispose();
        _meter.Dispose();
        return ValueTask.CompletedTask;
    }
}
