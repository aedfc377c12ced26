namespace OllyStack.Storage.Traces;

/// <summary>The span stores of all tenants under one folder; a tenant's exists from its first span on.</summary>
public sealed class TracesStore : IDisposable
{
    private readonly TracesStoreOptions _options;
    private readonly TenantFolders<TenantTraces> _tenants;

    private TracesStore(TracesStoreOptions options)
    {
        _options = options;
        _tenants = new TenantFolders<TenantTraces>(options.Directory, TenantTraces.Open, t => t.Tenant);
    }

    public long HeadSpans => _tenants.All.Sum(t => t.HeadSpans);

    /// <summary>Part files found damaged on open and set aside.</summary>
    public IReadOnlyList<string> DamagedParts => _tenants.All.SelectMany(t => t.Damaged).ToList();

    /// <summary>Opens every tenant found under <see cref="TracesStoreOptions.Directory"/>.</summary>
    public static TracesStore Open(TracesStoreOptions options) => new(options);

    public TenantTraces For(string tenant) => _tenants.For(tenant);

    /// <summary>The tenant's spans, or null if it has none yet. Reads never create one.</summary>
    public TenantTraces? Find(string tenant) => _tenants.Find(tenant);

    /// <summary>True when the heads should be written to parts: they are old enough, or big enough.</summary>
    public bool FlushDue(TimeSpan sinceLastFlush) =>
        HeadSpans >= _options.MaxHeadSpans || (HeadSpans > 0 && sinceLastFlush >= _options.FlushInterval);

    /// <summary>
    /// Writes every tenant's head to parts (storage writer thread only), each recording that everything below
    /// <paramref name="logEnd"/> of the traces topic is applied; returns the spans written.
    /// </summary>
    public long Flush(long logEnd) => _tenants.All.Sum(t => t.Flush(logEnd));

    public void Dispose() => _tenants.Dispose();
}
