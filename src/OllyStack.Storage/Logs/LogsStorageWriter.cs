using System.Diagnostics.Metrics;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Logs;

namespace OllyStack.Storage.Logs;

/// <summary>
/// Consumes the logs topic of the durable log (consumer group <see cref="Group"/>) into the tenants' log heads: each
/// record goes to its stream (<see cref="LogStreamLabeler"/>), its attributes, scope name, trace and span ids kept
/// beside the body.
/// </summary>
public sealed class LogsStorageWriter : RecordStorageWriter<TenantLogs>
{
    public const string Group = "logs-store";
    public const string ScopeName = "scope_name";

    private static readonly Meter Meter = new("OllyStack.Storage");
    private static readonly Counter<long> Records = Meter.CreateCounter<long>("ollystack.storage.log_records", description: "Log records applied to the log heads.");
    private readonly LogBatch _batch = new();
    private readonly List<StoredLogEntry> _entries = [];
    private readonly Dictionary<(int Resource, string? Level), LogStream> _streams = [];

    public LogsStorageWriter(IDurableLog log, LogsStore store) : base(log, LogTopics.Logs, Group, store) => Start();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        _batch.Dispose();
    }

    protected override string Decode(ReadOnlySpan<byte> payload)
    {
        BatchCodec.Read(payload, _batch);
        return _batch.Tenant;
    }

    protected override void Append(TenantLogs tenant)
    {
        _entries.Clear();
        _streams.Clear();
        for (var i = 0; i < _batch.RecordCount; i++) _entries.Add(new StoredLogEntry(StreamOf(tenant, i), RowOf(i)));
        tenant.Append(_entries);
        Records.Add(_entries.Count, new KeyValuePair<string, object?>("tenant", _batch.Tenant));
    }

    /// <summary>The stream of record <paramref name="i"/>: labels worked out once per resource and level in a batch.</summary>
    private LogStream StreamOf(TenantLogs tenant, int i)
    {
        var severityText = _batch.Strings.GetString(_batch.SeverityText[i]);
        var resource = _batch.ResourceIndex[i];
        var key = (resource, LogStreamLabeler.LevelOf(_batch.SeverityNumber[i], severityText));
        if (_streams.TryGetValue(key, out var stream)) return stream;
        var attributes = resource >= 0 && resource < _batch.Resources.Count ? Texts(_batch.Resources[resource].Attributes) : [];
        _streams[key] = stream = tenant.Intern(LogStreamLabeler.Labels(attributes, _batch.SeverityNumber[i], severityText));
        return stream;
    }

    private LogRow RowOf(int i)
    {
        var attributes = new List<KeyValuePair<string, string>>();
        foreach (var attribute in Texts(_batch.RecordAttributes[i])) attributes.Add(new(LogLabelNames.Sanitize(attribute.Key), attribute.Value));
        var scope = _batch.ScopeIndex[i];
        if (scope >= 0 && scope < _batch.Scopes.Count && !_batch.Scopes[scope].Name.IsEmpty) attributes.Add(new(ScopeName, _batch.Strings.GetString(_batch.Scopes[scope].Name)));
        return new LogRow(
            _batch.TimeUnixNano[i] != 0 ? _batch.TimeUnixNano[i] : _batch.ObservedTimeUnixNano[i],
            _batch.ObservedTimeUnixNano[i],
            _batch.SeverityNumber[i],
            _batch.Strings.GetString(_batch.SeverityText[i]),
            _batch.Body[i].ToText(_batch.Strings),
            [.. attributes],
            _batch.TraceIds[i],
            _batch.SpanIds[i],
            _batch.Flags[i]);
    }

    private List<KeyValuePair<string, string>> Texts(AttributeRange range)
    {
        var texts = new List<KeyValuePair<string, string>>(range.Count);
        foreach (var attribute in _batch.AttributesOf(range)) texts.Add(new(_batch.Strings.GetString(attribute.Key), attribute.Value.ToText(_batch.Strings)));
        return texts;
    }
}
