using OllyStack.Core.Tenancy;

namespace OllyStack.Storage.Logs;

/// <summary>The log stores of all tenants under one folder; a tenant's exists from its first record on.</summary>
public sealed class LogsStore : IDisposable
{
    private readonly Dictionary<string, TenantLogs> _tenants = new(StringComparer.Ordinal);
    private readonly Lock _tenantsLock = new();
    private readonly LogsStoreOptions _options;
    private volatile TenantLogs[] _snapshot = [];

    private LogsStore(LogsStoreOptions options) => _options = options;

    public long HeadRecords => _snapshot.Sum(t => t.HeadRecords);

    /// <summary>Part files found damaged on open and set aside.</summary>
    public IReadOnlyList<string> DamagedParts => _snapshot.SelectMany(t => t.Damaged).ToList();

    /// <summary>Opens every tenant found under <see cref="LogsStoreOptions.Directory"/>.</summary>
    public static LogsStore Open(LogsStoreOptions options)
    {
        Directory.CreateDirectory(options.Directory);
        var store = new LogsStore(options);
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(options.Directory))
                if (Path.GetFileName(folder) is var tenant && TenantName.IsValid(tenant)) store.For(tenant);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    public TenantLogs For(string tenant)
    {
        if (Find(tenant) is { } existing) return existing;
        lock (_tenantsLock)
        {
            if (_tenants.TryGetValue(tenant, out existing)) return existing;
            var opened = TenantLogs.Open(Path.Combine(_options.Directory, tenant), tenant);
            _tenants[tenant] = opened;
            _snapshot = [.. _tenants.Values];
            return opened;
        }
    }

    /// <summary>The tenant's logs, or null if it has none yet. Reads never create one.</summary>
    public TenantLogs? Find(string tenant)
    {
        foreach (var candidate in _snapshot)
            if (candidate.Tenant == tenant) return candidate;
        return null;
    }

    /// <summary>True when the heads should be written to parts: they are old enough, or big enough.</summary>
    public bool FlushDue(TimeSpan sinceLastFlush) =>
        _snapshot.Sum(t => t.HeadChars) >= _options.MaxHeadChars || (HeadRecords > 0 && sinceLastFlush >= _options.FlushInterval);

    /// <summary>Writes every tenant's head to parts (storage writer thread only); returns the records written.</summary>
    public long Flush() => _snapshot.Sum(t => t.Flush());

    public void Dispose()
    {
        foreach (var tenant in _snapshot) tenant.Dispose();
    }
}
