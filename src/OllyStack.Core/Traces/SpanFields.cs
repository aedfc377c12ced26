using OllyStack.Core.Batches;

namespace OllyStack.Core.Traces;

/// <summary>The fields of one span while a decoder assembles it, before it lands in a <see cref="SpanBatch"/>.</summary>
public struct SpanFields
{
    public TraceId TraceId;
    public SpanId SpanId;
    public SpanId ParentSpanId;
    public Utf8Ref TraceState;
    public uint Flags;
    public Utf8Ref Name;
    public byte Kind;
    public long StartTimeUnixNano;
    public long EndTimeUnixNano;
    public AttributeRange Attributes;
    public uint DroppedAttributesCount;
    public ItemRange Events;
    public uint DroppedEventsCount;
    public ItemRange Links;
    public uint DroppedLinksCount;
    public byte StatusCode;
    public Utf8Ref StatusMessage;
    public int Resource;
    public int Scope;
}
