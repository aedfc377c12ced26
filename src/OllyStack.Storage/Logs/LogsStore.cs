namespace OllyStack.Storage.Logs;

/// <summary>The log stores of all tenants under one folder; a tenant's exists from its first record on.</summary>
public sealed class LogsStore : IDisposable
{
    private readonly LogsStoreOptions _options;
    private readonly TenantFolders<TenantLogs> _tenants;

    private LogsStore(LogsStoreOptions options)
    {
        _options = options;
        _tenants = new TenantFolders<TenantLogs>(options.Directory, TenantLogs.Open, t => t.Tenant);
    }

    public long HeadRecords => _tenants.All.Sum(t => t.HeadRecords);

    /// <summary>Part files found damaged on open and set aside.</summary>
    public IReadOnlyList<string> DamagedParts => _tenants.All.SelectMany(t => t.Damaged).ToList();

    /// <summary>Opens every tenant found under <see cref="LogsStoreOptions.Directory"/>.</summary>
    public static LogsStore Open(LogsStoreOptions options) => new(options);

    public TenantLogs For(string tenant) => _tenants.For(tenant);

    /// <summary>The tenant's logs, or null if it has none yet. Reads never create one.</summary>
    public TenantLogs? Find(string tenant) => _tenants.Find(tenant);

    /// <summary>True when the heads should be written to parts: they are old enough, or big enough.</summary>
    public bool FlushDue(TimeSpan sinceLastFlush) =>
        _tenants.All.Sum(t => t.HeadChars) >= _options.MaxHeadChars || (HeadRecords > 0 && sinceLastFlush >= _options.FlushInterval);

    /// <summary>
    /// Writes every tenant's head to parts (storage writer thread only), each recording that everything below
    /// <paramref name="logEnd"/> of the logs topic is applied; returns the records written.
    /// </summary>
    public long Flush(long logEnd) => _tenants.All.Sum(t => t.Flush(logEnd));

    public void Dispose() => _tenants.Dispose();
}
