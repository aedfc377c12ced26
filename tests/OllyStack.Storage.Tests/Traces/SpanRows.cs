using OllyStack.Core.Batches;
using OllyStack.Storage.Traces;

namespace OllyStack.Storage.Tests.Traces;

/// <summary>Spans as the trace store tests write and compare them.</summary>
internal static class SpanRows
{
    public const long Second = 1_000_000_000;

    /// <summary>A server span of 100 ms starting at <paramref name="second"/>, its service also as a resource attribute.</summary>
    public static SpanRow Span(TraceId trace, ulong id, string service, string name, long second, ulong parent = 0) => new(
        trace, new SpanId(id), new SpanId(parent), service, name, 2, second * Second, Second / 10, 1, 0, "", [], [], [],
        [SpanAttribute.String("service.name", service)], "scope", "1");

    /// <summary>Each span as <c>service:name</c>.</summary>
    public static List<string> Names(IEnumerable<SpanRow> spans) => [.. spans.Select(s => $"{s.Service}:{s.Name}")];
}
