using System.Buffers;
using OllyStack.Core.Batches;
using OllyStack.Storage.Traces;

namespace OllyStack.Storage.Tests.Traces;

/// <summary>A span block gives back every column of every span it was written with.</summary>
public sealed class SpanBlockTests
{
    private static readonly SpanAttribute[] Resource = [SpanAttribute.String("service.name", "checkout"), new("host.cores", AnyValueKind.Int, "8")];

    private static SpanRow Rich(TraceId traceId, ulong spanId, long start) => new(
        traceId, new SpanId(spanId), new SpanId(spanId - 1), "checkout", "POST /pay", 3, start, 1_500_000, 0x301, 2, "card declined",
        [SpanAttribute.String("http.method", "POST"), new("http.status_code", AnyValueKind.Int, "402"), new("retry", AnyValueKind.Bool, "true"),
         new("ratio", AnyValueKind.Double, "0.25"), new("blob", AnyValueKind.Bytes, "AQID"), new("tags", AnyValueKind.Array, "[\"a\",1]")],
        [new SpanEvent(start + 10, "exception", [SpanAttribute.String("exception.type", "CardError")]), new SpanEvent(start - 5, "early", [])],
        [new SpanLink(new TraceId(99, 98), new SpanId(97), [SpanAttribute.String("link.kind", "batch")])],
        Resource, "io.opentelemetry.http", "1.9.0");

    private static SpanRow Plain(TraceId traceId, ulong spanId, long start) => new(
        traceId, new SpanId(spanId), SpanId.Empty, "web", "GET /", 2, start, 0, 0, 0, "", [], [], [],
        [SpanAttribute.String("service.name", "web")], "", "");

    private static SpanRow[] RoundTrip(SpanRow[] spans)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var encoder = new SpanBlockEncoder()) encoder.Encode(spans, buffer);
        using var decoder = new SpanBlockDecoder();
        return decoder.Decode(buffer.WrittenSpan);
    }

    [Fact]
    public void EveryColumnOfEverySpanComesBack()
    {
        var first = new TraceId(1, 2);
        var second = new TraceId(3, 4);
        SpanRow[] spans = [Rich(first, 10, 1_000), Plain(first, 11, 900), Rich(second, 20, -50), Plain(second, 21, long.MaxValue / 2)];

        var decoded = RoundTrip(spans);

        Assert.Equal(spans.Length, decoded.Length);
        for (var i = 0; i < spans.Length; i++) AssertSame(spans[i], decoded[i]);
    }

    [Fact]
    public void SpansOfOneResourceShareItsAttributesAfterDecoding()
    {
        var trace = new TraceId(1, 1);

        var decoded = RoundTrip([Rich(trace, 10, 1), Rich(trace, 11, 2)]);

        Assert.Same(decoded[0].ResourceAttributes, decoded[1].ResourceAttributes);
    }

    [Fact]
    public void ADamagedBlockIsRefusedNotMisread()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var encoder = new SpanBlockEncoder()) encoder.Encode([Plain(new TraceId(1, 1), 1, 1)], buffer);
        var bytes = buffer.WrittenSpan.ToArray();
        using var decoder = new SpanBlockDecoder();

        Assert.Throws<InvalidDataException>(() => decoder.Decode(bytes.AsSpan(0, bytes.Length - 2)));
        bytes[2] = 7;
        Assert.Throws<InvalidDataException>(() => decoder.Decode(bytes));
    }

    internal static void AssertSame(SpanRow expected, SpanRow actual)
    {
        Assert.Equal((expected.TraceId, expected.SpanId, expected.ParentSpanId, expected.Service, expected.Name, expected.Kind),
            (actual.TraceId, actual.SpanId, actual.ParentSpanId, actual.Service, actual.Name, actual.Kind));
        Assert.Equal((expected.StartUnixNano, expected.DurationNano, expected.Flags, expected.StatusCode, expected.StatusMessage),
            (actual.StartUnixNano, actual.DurationNano, actual.Flags, actual.StatusCode, actual.StatusMessage));
        Assert.Equal(expected.Attributes, actual.Attributes);
        Assert.Equal(expected.Events.Select(e => (e.TimeUnixNano, e.Name, string.Join(";", e.Attributes))), actual.Events.Select(e => (e.TimeUnixNano, e.Name, string.Join(";", e.Attributes))));
        Assert.Equal(expected.Links.Select(l => (l.TraceId, l.SpanId, string.Join(";", l.Attributes))), actual.Links.Select(l => (l.TraceId, l.SpanId, string.Join(";", l.Attributes))));
        Assert.Equal(expected.ResourceAttributes, actual.ResourceAttributes);
        Assert.Equal((expected.ScopeName, expected.ScopeVersion), (actual.ScopeName, actual.ScopeVersion));
    }
}
