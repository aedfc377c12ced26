using OllyStack.Core.Batches;

namespace OllyStack.Storage.Traces;

/// <summary>A stored link from a span to another span, of this trace or another.</summary>
public sealed record SpanLink(TraceId TraceId, SpanId SpanId, SpanAttribute[] Attributes);
