using OllyStack.Core.Batches;

namespace OllyStack.Pipeline.SpanMetrics;

/// <summary>What RED metrics group spans of one batch by: resource (hence service), span name, status code and kind.</summary>
internal readonly record struct SpanGroup(int Resource, Utf8Ref Name, byte StatusCode, byte Kind);
