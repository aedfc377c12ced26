using OllyStack.Core.Batches;

namespace OllyStack.Core.Logs;

/// <summary>The fields of one log record while a decoder assembles it, before it lands in a <see cref="LogBatch"/>.</summary>
public struct LogRecordFields
{
    public long TimeUnixNano;
    public long ObservedTimeUnixNano;
    public byte SeverityNumber;
    public Utf8Ref SeverityText;
    public AnyValue Body;
    public AttributeRange Attributes;
    public uint DroppedAttributesCount;
    public uint Flags;
    public TraceId TraceId;
    public SpanId SpanId;
    public Utf8Ref EventName;
    public int Resource;
    public int Scope;
}
