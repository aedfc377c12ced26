using System.Diagnostics.Metrics;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Traces;

namespace OllyStack.Storage.Traces;

/// <summary>
/// Consumes the traces topic of the durable log (consumer group <see cref="Group"/>) into the tenants' span heads:
/// each span with its attributes, events, links, resource attributes and scope as text with their value types.
/// </summary>
public sealed class TracesStorageWriter : RecordStorageWriter<TenantTraces>
{
    public const string Group = "traces-store";
    public const string ServiceNameKey = "service.name";

    private static readonly Meter Meter = new("OllyStack.Storage.Traces");
    private static readonly Counter<long> Spans = Meter.CreateCounter<long>("ollystack.storage.spans", description: "Spans applied to the span heads.");
    private readonly SpanBatch _batch = new();
    private readonly List<SpanRow> _rows = [];
    private readonly Dictionary<int, (SpanAttribute[] Attributes, string Service)> _resources = [];

    public TracesStorageWriter(IDurableLog log, TracesStore store) : base(log, LogTopics.Traces, Group, store) => Start();

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

    protected override void Append(TenantTraces tenant)
    {
        _rows.Clear();
        _resources.Clear();
        for (var i = 0; i < _batch.RecordCount; i++) _rows.Add(RowOf(i));
        tenant.Append(_rows);
        Spans.Add(_rows.Count, new KeyValuePair<string, object?>("tenant", _batch.Tenant));
    }

    private SpanRow RowOf(int i)
    {
        var (resource, service) = ResourceOf(_batch.ResourceIndex[i]);
        var scope = _batch.ScopeIndex[i];
        var hasScope = scope >= 0 && scope < _batch.Scopes.Count;
        var start = _batch.StartTimeUnixNano[i];
        return new SpanRow(
            _batch.TraceIds[i],
            _batch.SpanIds[i],
            _batch.ParentSpanIds[i],
            service,
            _batch.Strings.GetString(_batch.Name[i]),
            _batch.Kind[i],
            start,
            unchecked(_batch.EndTimeUnixNano[i] - start),
            _batch.Flags[i],
            _batch.StatusCode[i],
            _batch.Strings.GetString(_batch.StatusMessage[i]),
            Attributes(_batch.SpanAttributes[i]),
            Events(_batch.EventRange[i]),
            Links(_batch.LinkRange[i]),
            resource,
            hasScope ? _batch.Strings.GetString(_batch.Scopes[scope].Name) : "",
            hasScope ? _batch.Strings.GetString(_batch.Scopes[scope].Version) : "");
    }

    /// <summary>A resource's attributes and service, worked out once per batch: its spans share the array.</summary>
    private (SpanAttribute[] Attributes, string Service) ResourceOf(int resource)
    {
        if (_resources.TryGetValue(resource, out var known)) return known;
        var attributes = resource >= 0 && resource < _batch.Resources.Count ? Attributes(_batch.Resources[resource].Attributes) : [];
        var service = SpanRow.UnknownService;
        foreach (var attribute in attributes)
            if (attribute.Key == ServiceNameKey && attribute.Value.Length > 0) service = attribute.Value;
        return _resources[resource] = (attributes, service);
    }

    private SpanEvent[] Events(ItemRange range)
    {
        if (range.Count == 0) return [];
        var events = new SpanEvent[range.Count];
        var refs = _batch.Events.Span.Slice(range.Start, range.Count);
        for (var e = 0; e < events.Length; e++) events[e] = new SpanEvent(refs[e].TimeUnixNano, _batch.Strings.GetString(refs[e].Name), Attributes(refs[e].Attributes));
        return events;
    }

    private SpanLink[] Links(ItemRange range)
    {
        if (range.Count == 0) return [];
        var links = new SpanLink[range.Count];
        var refs = _batch.Links.Span.Slice(range.Start, range.Count);
        for (var l = 0; l < links.Length; l++) links[l] = new SpanLink(refs[l].TraceId, refs[l].SpanId, Attributes(refs[l].Attributes));
        return links;
    }

    private SpanAttribute[] Attributes(AttributeRange range)
    {
        if (range.Count == 0) return [];
        var attributes = new SpanAttribute[range.Count];
        var i = 0;
        foreach (var attribute in _batch.AttributesOf(range))
            attributes[i++] = new SpanAttribute(_batch.Strings.GetString(attribute.Key), attribute.Value.Kind, attribute.Value.ToText(_batch.Strings));
        return attributes;
    }
}
