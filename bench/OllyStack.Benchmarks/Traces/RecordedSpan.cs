using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Trace;

namespace OllyStack.Benchmarks.Traces;

/// <summary>A span of a simulated trace with the service instance and instrumentation scope that report it.</summary>
public sealed record RecordedSpan(ServiceInstance Instance, InstrumentationScope Scope, Span Span);
