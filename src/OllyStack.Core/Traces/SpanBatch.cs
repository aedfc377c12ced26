using OllyStack.Core.Batches;

namespace OllyStack.Core.Traces;

/// <summary>OpenTelemetry spans, one column per field; events and links live in child columns addressed by range.</summary>
public sealed class SpanBatch : OtlpBatch
{
    public override Signal Signal => Signal.Traces;

    public override int RecordCount => SpanIds.Count;

    public Column<TraceId> TraceIds { get; } = new();

    public Column<SpanId> SpanIds { get; } = new();

    public Column<SpanId> ParentSpanIds { get; } = new();

    public Column<Utf8Ref> TraceState { get; } = new();

    public Column<uint> Flags { get; } = new();

    public Column<Utf8Ref> Name { get; } = new();

    public Column<byte> Kind { get; } = new();

    public Column<long> StartTimeUnixNano { get; } = new();

    public Column<long> EndTimeUnixNano { get; } = new();

    public Column<AttributeRange> SpanAttributes { get; } = new();

    public Column<uint> DroppedAttributesCount { get; } = new();

    public Column<ItemRange> EventRange { get; } = new();

    public Column<uint> DroppedEventsCount { get; } = new();

    public Column<ItemRange> LinkRange { get; } = new();

    public Column<uint> DroppedLinksCount { get; } = new();

    public Column<byte> StatusCode { get; } = new();

    public Column<Utf8Ref> StatusMessage { get; } = new();

    public Column<int> ResourceIndex { get; } = new();

    public Column<int> ScopeIndex { get; } = new();

    public Column<SpanEventRef> Events { get; } = new();

    public Column<SpanLinkRef> Links { get; } = new();

    protected override IColumn[] DeclareColumns() =>
    [
        .. SharedColumns, TraceIds, SpanIds, ParentSpanIds, TraceState, Flags, Name, Kind, StartTimeUnixNano,
        EndTimeUnixNano, SpanAttributes, DroppedAttributesCount, EventRange, DroppedEventsCount, LinkRange,
        DroppedLinksCount, StatusCode, StatusMessage, ResourceIndex, ScopeIndex, Events, Links,
    ];

    /// <summary>Appends one span; its attributes, events and links must already be in their columns.</summary>
    public int Add(in SpanFields span)
    {
        TraceIds.Add(span.TraceId);
        SpanIds.Add(span.SpanId);
        ParentSpanIds.Add(span.ParentSpanId);
        TraceState.Add(span.TraceState);
        Flags.Add(span.Flags);
        Name.Add(span.Name);
        Kind.Add(span.Kind);
        StartTimeUnixNano.Add(span.StartTimeUnixNano);
        EndTimeUnixNano.Add(span.EndTimeUnixNano);
        SpanAttributes.Add(span.Attributes);
        DroppedAttributesCount.Add(span.DroppedAttributesCount);
        EventRange.Add(span.Events);
        DroppedEventsCount.Add(span.DroppedEventsCount);
        LinkRange.Add(span.Links);
        DroppedLinksCount.Add(span.DroppedLinksCount);
        StatusCode.Add(span.StatusCode);
        StatusMessage.Add(span.StatusMessage);
        ResourceIndex.Add(span.Resource);
        return ScopeIndex.Add(span.Scope);
    }

    /// <summary>
    /// Keeps the spans whose <paramref name="keep"/> entry is true. Their attributes, events, links and strings stay
    /// where they are: the ranges of the kept spans still point at them, and those of dropped spans go unread.
    /// </summary>
    public void RetainSpans(ReadOnlySpan<bool> keep)
    {
        TraceIds.Retain(keep);
        SpanIds.Retain(keep);
        ParentSpanIds.Retain(keep);
        TraceState.Retain(keep);
        Flags.Retain(keep);
        Name.Retain(keep);
        Kind.Retain(keep);
        StartTimeUnixNano.Retain(keep);
        EndTimeUnixNano.Retain(keep);
        SpanAttributes.Retain(keep);
        DroppedAttributesCount.Retain(keep);
        EventRange.Retain(keep);
        DroppedEventsCount.Retain(keep);
        LinkRange.Retain(keep);
        DroppedLinksCount.Retain(keep);
        StatusCode.Retain(keep);
        StatusMessage.Retain(keep);
        ResourceIndex.Retain(keep);
        ScopeIndex.Retain(keep);
    }
}
