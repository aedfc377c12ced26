using OllyStack.Core.Batches;
using OllyStack.Core.Logs;

namespace OllyStack.Storage.Logs;

/// <summary>
/// Reads the records of a logs-topic batch as the store keeps them: each record's stream labels
/// (<see cref="LogStreamLabeler"/>) and its <see cref="LogRow"/>, whose attributes carry the scope name as
/// <see cref="ScopeName"/>. Stream labels are worked out once per resource and level in a batch, and records that
/// share them get the same array, so a caller can cache per-stream work by reference.
/// </summary>
public sealed class LogRecordDecoder : IDisposable
{
    public const string ScopeName = "scope_name";

    private readonly LogBatch _batch = new();
    private readonly Dictionary<(int Resource, string? Level), KeyValuePair<string, string>[]> _streams = [];

    public string Tenant => _batch.Tenant;

    public int RecordCount => _batch.RecordCount;

    /// <summary>Reads a batch; returns its tenant. What earlier batches handed out stays valid.</summary>
    public string Read(ReadOnlySpan<byte> payload)
    {
        BatchCodec.Read(payload, _batch);
        _streams.Clear();
        return _batch.Tenant;
    }

    /// <summary>The sorted stream labels of record <paramref name="i"/>.</summary>
    public KeyValuePair<string, string>[] StreamLabelsOf(int i)
    {
        var severityText = _batch.Strings.GetString(_batch.SeverityText[i]);
        var resource = _batch.ResourceIndex[i];
        var key = (resource, LogStreamLabeler.LevelOf(_batch.SeverityNumber[i], severityText));
        if (_streams.TryGetValue(key, out var labels)) return labels;
        var attributes = resource >= 0 && resource < _batch.Resources.Count ? Texts(_batch.Resources[resource].Attributes) : [];
        return _streams[key] = LogStreamLabeler.Labels(attributes, _batch.SeverityNumber[i], severityText);
    }

    /// <summary>Record <paramref name="i"/> as stored: its time (the observed time when it has none), body and attributes.</summary>
    public LogRow RowOf(int i)
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

    public void Dispose() => _batch.Dispose();

    private List<KeyValuePair<string, string>> Texts(AttributeRange range)
    {
        var texts = new List<KeyValuePair<string, string>>(range.Count);
        foreach (var attribute in _batch.AttributesOf(range)) texts.Add(new(_batch.Strings.GetString(attribute.Key), attribute.Value.ToText(_batch.Strings)));
        return texts;
    }
}
