using System.Runtime.InteropServices;
using OllyStack.Core.Batches;

namespace OllyStack.Core.Traces;

[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct SpanEventRef(long TimeUnixNano, Utf8Ref Name, AttributeRange Attributes, uint DroppedAttributesCount);
