using OllyStack.Core.Batches;

namespace OllyStack.Benchmarks.Traces;

/// <summary>One OTLP/protobuf export request as sent, with the number of spans and the distinct traces it carries.</summary>
public sealed record ExportedRequest(byte[] Protobuf, int Spans, TraceId[] TraceIds);
