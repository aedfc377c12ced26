using OllyStack.Core.Batches;

namespace OllyStack.Core.Logs;

/// <summary>OpenTelemetry log records, one column per field; resources and scopes are shared by index.</summary>
public sealed class LogBatch : OtlpBatch
{
    public override Signal Signal => Signal.Logs;

    public override int RecordCount => TimeUnixNano.Count;

    public Column<long> TimeUnixNano { get; } = new();

    public Column<long> ObservedTimeUnixNano { get; } = new();

    public Column<byte> SeverityNumber { get; } = new();

    public Column<Utf8Ref> SeverityText { get; } = new();

    public Column<AnyValue> Body { get; } = new();

    public Column<AttributeRange> RecordAttributes { get; } = new();

    public Column<uint> DroppedAttributesCount { get; } = new();

    public Column<uint> Flags { get; } = new();

    public Column<TraceId> TraceIds { get; } = new();

    public Column<SpanId> SpanIds { get; } = new();

    public Column<Utf8Ref> EventName { get; } = new();

    public Column<int> ResourceIndex { get; } = new();

    public Column<int> ScopeIndex { get; } = new();

    protected override IColumn[] DeclareColumns() =>
    [
        .. SharedColumns, TimeUnixNano, ObservedTimeUnixNano, SeverityNumber, SeverityText, Body, RecordAttributes,
        DroppedAttributesCount, Flags, TraceIds, SpanIds, EventName, ResourceIndex, ScopeIndex,
    ];

    /// <summary>Appends one record; the attributes must already be in <see cref="OtlpBatch.Attributes"/>.</summary>
    public int Add(in LogRecordFields record)
    {
        TimeUnixNano.Add(record.TimeUnixNano);
        ObservedTimeUnixNano.Add(record.ObservedTimeUnixNano);
        SeverityNumber.Add(record.SeverityNumber);
        SeverityText.Add(record.SeverityText);
        Body.Add(record.Body);
        RecordAttributes.Add(record.Attributes);
        DroppedAttributesCount.Add(record.DroppedAttributesCount);
        Flags.Add(record.Flags);
        TraceIds.Add(record.TraceId);
        SpanIds.Add(record.SpanId);
        EventName.Add(record.EventName);
        ResourceIndex.Add(record.Resource);
        return ScopeIndex.Add(record.Scope);
    }
}
