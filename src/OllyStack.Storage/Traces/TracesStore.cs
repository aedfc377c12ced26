namespace OllyStack.Storage.Traces;

/// <summary>The span stores of all tenants under one folder, with their background merges and retention.</summary>
public sealed class TracesStore : RecordStore<TenantTraces>
{
    private readonly TracesStoreOptions _options;

    private TracesStore(TracesStoreOptions options) : base(options.Directory, TenantTraces.Open, options.Retention, options.TenantPolicies, options.MaintenanceInterval) =>
        _options = options;

    public long HeadSpans => Tenants.Sum(t => t.HeadSpans);

    /// <summary>Opens every tenant found under <see cref="TracesStoreOptions.Directory"/>.</summary>
    public static TracesStore Open(TracesStoreOptions options) => new(options);

    public override bool HasUnflushed => HeadSpans > 0;

    public override bool FlushDue(TimeSpan sinceLastFlush) =>
        HeadSpans >= _options.MaxHeadSpans || (HeadSpans > 0 && sinceLastFlush >= _options.FlushInterval);
}
