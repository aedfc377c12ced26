namespace OllyStack.Storage.Logs;

/// <summary>The log stores of all tenants under one folder, with their background merges and retention.</summary>
public sealed class LogsStore : RecordStore<TenantLogs>
{
    private readonly LogsStoreOptions _options;

    private LogsStore(LogsStoreOptions options) : base(options.Directory, TenantLogs.Open, options.Retention, options.TenantPolicies, options.MaintenanceInterval) =>
        _options = options;

    public long HeadRecords => Tenants.Sum(t => t.HeadRecords);

    /// <summary>Opens every tenant found under <see cref="LogsStoreOptions.Directory"/>.</summary>
    public static LogsStore Open(LogsStoreOptions options) => new(options);

    public override bool HasUnflushed => HeadRecords > 0;

    public override bool FlushDue(TimeSpan sinceLastFlush) =>
        Tenants.Sum(t => t.HeadChars) >= _options.MaxHeadChars || (HeadRecords > 0 && sinceLastFlush >= _options.FlushInterval);
}
