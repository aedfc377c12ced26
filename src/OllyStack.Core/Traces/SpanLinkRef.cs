using System.Runtime.InteropServices;
using OllyStack.Core.Batches;

namespace OllyStack.Core.Traces;

[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct SpanLinkRef(TraceId TraceId, SpanId SpanId, Utf8Ref TraceState, AttributeRange Attributes, uint DroppedAttributesCount, uint Flags);
