using OllyStack.Core.Batches;

namespace OllyStack.Storage.Traces;

/// <summary>
/// One stored span: what a span block keeps per span. <see cref="Service"/> is the resource's <c>service.name</c>
/// (<see cref="UnknownService"/> without one); <see cref="ResourceAttributes"/> are all of the resource's attributes.
/// </summary>
public sealed record SpanRow(
    TraceId TraceId,
    SpanId SpanId,
    SpanId ParentSpanId,
    string Service,
    string Name,
    byte Kind,
    long StartUnixNano,
    long DurationNano,
    uint Flags,
    byte StatusCode,
    string StatusMessage,
    SpanAttribute[] Attributes,
    SpanEvent[] Events,
    SpanLink[] Links,
    SpanAttribute[] ResourceAttributes,
    string ScopeName,
    string ScopeVersion)
{
    public const string UnknownService = "unknown_service";

    public long EndUnixNano => unchecked(StartUnixNano + DurationNano);

    public SpanOperation Operation => new(Service, Name, Kind);
}
