using System.Diagnostics.Metrics;
using OllyStack.Core.Durability;

namespace OllyStack.Storage.Logs;

/// <summary>
/// Consumes the logs topic of the durable log (consumer group <see cref="Group"/>) into the tenants' log heads: each
/// record goes to its stream, its attributes, scope name, trace and span ids kept beside the body
/// (<see cref="LogRecordDecoder"/>).
/// </summary>
public sealed class LogsStorageWriter : RecordStorageWriter<TenantLogs>
{
    public const string Group = "logs-store";

    private static readonly Meter Meter = new("OllyStack.Storage");
    private static readonly Counter<long> Records = Meter.CreateCounter<long>("ollystack.storage.log_records", description: "Log records applied to the log heads.");
    private readonly LogRecordDecoder _decoder = new();
    private readonly List<StoredLogEntry> _entries = [];
    private readonly Dictionary<KeyValuePair<string, string>[], LogStream> _streams = new(ReferenceEqualityComparer.Instance);

    public LogsStorageWriter(IDurableLog log, LogsStore store) : base(log, LogTopics.Logs, Group, store) => Start();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        _decoder.Dispose();
    }

    protected override string Decode(ReadOnlySpan<byte> payload) => _decoder.Read(payload);

    protected override void Append(TenantLogs tenant)
    {
        _entries.Clear();
        _streams.Clear();
        for (var i = 0; i < _decoder.RecordCount; i++) _entries.Add(new StoredLogEntry(StreamOf(tenant, i), _decoder.RowOf(i)));
        tenant.Append(_entries);
        Records.Add(_entries.Count, new KeyValuePair<string, object?>("tenant", _decoder.Tenant));
    }

    /// <summary>The stream of record <paramref name="i"/>: interned once per label set in a batch.</summary>
    private LogStream StreamOf(TenantLogs tenant, int i)
    {
        var labels = _decoder.StreamLabelsOf(i);
        if (!_streams.TryGetValue(labels, out var stream)) _streams[labels] = stream = tenant.Intern(labels);
        return stream;
    }
}
