using Google.Protobuf;
using OllyStack.Core.Traces;
using OllyStack.Ingest.Otlp;
using OllyStack.Ingest.Otlp.Collector.Trace;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Trace;
using OllyStack.Ingest.Wire;
using OtlpAnyValue = OllyStack.Ingest.Otlp.Common.AnyValue;
using static OllyStack.Ingest.Tests.ProtobufTestRequests;

namespace OllyStack.Ingest.Tests;

public sealed class ProtobufTracesDecodingTests : IDisposable
{
    private static readonly byte[] LinkedTraceId = Convert.FromHexString("0102030405060708090a0b0c0d0e0f10");

    private readonly SpanBatch batch = new();
    private RejectionTally rejections;

    public void Dispose() => batch.Dispose();

    private void Decode(byte[] request) => OtlpTracesProtobufDecoder.Decode(request, batch, ref rejections);

    private void Decode(IMessage request) => Decode(request.ToByteArray());

    private static ExportTraceServiceRequest Request(params Span[] spans) => new()
    {
        ResourceSpans = { new ResourceSpans { Resource = Resource("checkout"), ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = "test-scope" }, Spans = { spans } } } } },
    };

    private static byte[] RequestWithSpan(byte[] span) =>
        ProtobufWire.Request(ProtobufWire.Message(r => r.Field(2, ProtobufWire.Message(s => s.Field(2, span)))));

    private static Span FullSpan() => new()
    {
        TraceId = ByteString.CopyFrom(TraceIdBytes),
        SpanId = ByteString.CopyFrom(SpanIdBytes),
        ParentSpanId = ByteString.CopyFrom(ParentIdBytes),
        TraceState = "vendor=a",
        Flags = 0x301,
        Name = "GET /cart",
        Kind = Span.Types.SpanKind.Server,
        StartTimeUnixNano = T0,
        EndTimeUnixNano = T0 + 250_000_000,
        Attributes = { Attr("http.route", "/cart"), Attr("http.status_code", 500) },
        DroppedAttributesCount = 1,
        Events =
        {
            new Span.Types.Event { Name = "exception", TimeUnixNano = T0 + 100, Attributes = { Attr("exception.type", "Timeout") }, DroppedAttributesCount = 2 },
            new Span.Types.Event { Name = "retry", TimeUnixNano = T0 + 200 },
        },
        DroppedEventsCount = 3,
        Links =
        {
            new Span.Types.Link
            {
                TraceId = ByteString.CopyFrom(LinkedTraceId), SpanId = ByteString.CopyFrom(ParentIdBytes), TraceState = "k=v",
                Attributes = { Attr("link.kind", "follows") }, DroppedAttributesCount = 4, Flags = 0x100,
            },
        },
        DroppedLinksCount = 5,
        Status = new Status { Code = Status.Types.StatusCode.Error, Message = "upstream timeout" },
    };

    private const string FullSpanText =
        """
        trace=5b8efff798038103d269b633813fc60c span=eee19b7ec3c1b174 parent=eee19b7ec3c1b173 state=vendor=a flags=769
        name=GET /cart kind=2 start=1700000000000000000 end=1700000000250000000
        attributes={http.route=string:/cart, http.status_code=int:500} dropped=1
        status=2 upstream timeout
        dropped events=3 links=5
        event exception at 1700000000000000100 {exception.type=string:Timeout} dropped=2
        event retry at 1700000000000000200 {} dropped=0
        link 0102030405060708090a0b0c0d0e0f10/eee19b7ec3c1b173 state=k=v {link.kind=string:follows} dropped=4 flags=256
        resource {service.name=string:checkout} dropped=0 schema=
        scope test-scope@ {} dropped=0 schema=
        """;

    [Fact]
    public void EveryFieldOfASpanLandsInTheBatch()
    {
        Decode(Request(FullSpan()));

        Assert.Equal(0, rejections.Rejected);
        Assert.Equal(1, batch.RecordCount);
        Assert.Equal(FullSpanText.ReplaceLineEndings("\n"), OtlpBatchText.Span(batch, 0));
    }

    [Fact]
    public void EventsAndLinksKeepTheirOwnAttributes()
    {
        Decode(Spans(3));

        Assert.Equal(3, batch.RecordCount);
        Assert.Equal(1 + 3 * (2 + 1 + 1), batch.Attributes.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"eee19b7ec3c1b1{i + 1:x2}", batch.SpanIds[i].ToString());
            Assert.Equal("{http.route=string:/cart, http.status_code=int:500}", OtlpBatchText.Attributes(batch, batch.SpanAttributes[i]));
            var ev = batch.Events[batch.EventRange[i].Start];
            Assert.Equal(1, batch.EventRange[i].Count);
            Assert.Equal("{exception.type=string:Timeout}", OtlpBatchText.Attributes(batch, ev.Attributes));
            var link = batch.Links[batch.LinkRange[i].Start];
            Assert.Equal(1, batch.LinkRange[i].Count);
            Assert.Equal("{link.kind=string:follows}", OtlpBatchText.Attributes(batch, link.Attributes));
            Assert.Equal("eee19b7ec3c1b173", link.SpanId.ToString());
        }
    }

    [Fact]
    public void AttributesOfASpanStayContiguousWhenEventsComeFirstOnTheWire()
    {
        var span = FullSpan();
        var reordered = ProtobufWire.Message(o =>
        {
            foreach (var ev in span.Events) o.Field(11, ev);
            foreach (var link in span.Links) o.Field(13, link);
            o.Field(9, span.Attributes[0]);
            o.WriteRawTag(0x0a);
            o.WriteBytes(span.TraceId);
            o.Field(9, span.Attributes[1]);
            o.WriteRawTag(0x12);
            o.WriteBytes(span.SpanId);
        });

        Decode(RequestWithSpan(reordered));

        Assert.Equal("{http.route=string:/cart, http.status_code=int:500}", OtlpBatchText.Attributes(batch, batch.SpanAttributes[0]));
        Assert.Equal(2, batch.EventRange[0].Count);
        Assert.Equal("{exception.type=string:Timeout}", OtlpBatchText.Attributes(batch, batch.Events[0].Attributes));
        Assert.Equal("{link.kind=string:follows}", OtlpBatchText.Attributes(batch, batch.Links[0].Attributes));
    }

    [Fact]
    public void FieldsInReverseOrderOnTheWireStillDecode()
    {
        var span = FullSpan();
        span.Attributes.RemoveAt(1);
        span.Events.RemoveAt(1);
        var resource = Resource("checkout");
        var scope = new InstrumentationScope { Name = "test-scope" };
        Decode(Request(span));
        var inOrder = OtlpBatchText.Span(batch, 0);
        batch.Clear();

        var scopeSpans = ProtobufWire.Message(o =>
        {
            o.Field(2, ProtobufWire.Reversed(span));
            o.Field(1, scope);
        });
        var resourceSpans = ProtobufWire.Message(o =>
        {
            o.Field(2, scopeSpans);
            o.Field(1, resource);
        });
        Decode(ProtobufWire.Request(resourceSpans));

        Assert.Equal(1, batch.RecordCount);
        Assert.Equal(inOrder, OtlpBatchText.Span(batch, 0));
        Assert.Contains("event exception", inOrder);
        Assert.Contains("link 0102", inOrder);
    }

    [Theory]
    [InlineData("no trace id", "trace_id is missing")]
    [InlineData("all-zero trace id", "trace_id is missing or all zero")]
    [InlineData("trace id of 17 bytes", "trace_id has 17 bytes, expected 16")]
    [InlineData("no span id", "span_id is missing")]
    [InlineData("span id of 7 bytes", "span_id has 7 bytes, expected 8")]
    [InlineData("parent id of 4 bytes", "parent_span_id has 4 bytes, expected 8")]
    [InlineData("kind 6", "kind 6 is outside 0-5")]
    [InlineData("status code 3", "status code 3 is not UNSET, OK or ERROR")]
    [InlineData("link with a 3-byte span id", "link span_id has 3 bytes, expected 8")]
    [InlineData("link with an all-zero trace id", "link trace_id is missing or all zero")]
    public void RejectedSpanIsDroppedWithItsAttributesEventsAndLinks(string flaw, string reason)
    {
        var bad = FullSpan();
        bad.Name = "bad";
        switch (flaw)
        {
            case "no trace id": bad.TraceId = ByteString.Empty; break;
            case "all-zero trace id": bad.TraceId = ByteString.CopyFrom(new byte[16]); break;
            case "trace id of 17 bytes": bad.TraceId = ByteString.CopyFrom([.. TraceIdBytes, 1]); break;
            case "no span id": bad.SpanId = ByteString.Empty; break;
            case "span id of 7 bytes": bad.SpanId = ByteString.CopyFrom(SpanIdBytes[..7]); break;
            case "parent id of 4 bytes": bad.ParentSpanId = ByteString.CopyFrom(SpanIdBytes[..4]); break;
            case "kind 6": bad.Kind = (Span.Types.SpanKind)6; break;
            case "status code 3": bad.Status.Code = (Status.Types.StatusCode)3; break;
            case "link with a 3-byte span id": bad.Links[0].SpanId = ByteString.CopyFrom(SpanIdBytes[..3]); break;
            default: bad.Links[0].TraceId = ByteString.CopyFrom(new byte[16]); break;
        }
        var first = FullSpan();
        first.Name = "first";
        var last = FullSpan();
        last.Name = "last";

        Decode(Request(first, bad, last));

        Assert.Equal(2, batch.RecordCount);
        Assert.Equal(["first", "last"], new[] { 0, 1 }.Select(i => batch.GetString(batch.Name[i])));
        Assert.Equal(1 + 2 * (2 + 1 + 1), batch.Attributes.Count);
        Assert.Equal(4, batch.Events.Count);
        Assert.Equal(2, batch.Links.Count);
        Assert.Equal(FullSpanText.ReplaceLineEndings("\n").Replace("GET /cart", "last"), OtlpBatchText.Span(batch, 1));
        Assert.Equal(1, rejections.Rejected);
        Assert.StartsWith("span rejected: ", rejections.Message);
        Assert.EndsWith(reason, rejections.Message);
    }

    [Fact]
    public void RootSpanAndLinkWithoutIdsAreAccepted()
    {
        var span = FullSpan();
        span.ParentSpanId = ByteString.Empty;
        span.Links.Clear();
        span.Links.Add(new Span.Types.Link());

        Decode(Request(span));

        Assert.Equal(0, rejections.Rejected);
        Assert.True(batch.ParentSpanIds[0].IsEmpty);
        Assert.True(batch.Links[0].TraceId.IsEmpty);
    }

    [Fact]
    public void TruncatedRequestIsMalformedAtEveryLength()
    {
        var request = Spans(2).ToByteArray();

        for (var length = 1; length < request.Length; length++)
        {
            batch.Clear();
            var error = Assert.Throws<MalformedPayloadException>(() => Decode(request[..length]));
            Assert.StartsWith("malformed protobuf in ExportTraceServiceRequest", error.Message);
        }
    }

    [Theory]
    [InlineData(7, "start_time_unix_nano has wire type 0, expected 1")]
    [InlineData(8, "end_time_unix_nano has wire type 0, expected 1")]
    [InlineData(5, "name has wire type 0, expected 2")]
    [InlineData(16, "flags has wire type 0, expected 5")]
    [InlineData(15, "status has wire type 0, expected 2")]
    public void SpanFieldWithTheWrongWireTypeIsMalformed(int field, string problem)
    {
        var span = ProtobufWire.Message(o => o.Varint(field, 1));

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(RequestWithSpan(span)));

        Assert.StartsWith("malformed protobuf in Span", error.Message);
        Assert.EndsWith(problem, error.Message);
    }

    [Fact]
    public void EventAndLinkFieldsWithTheWrongWireTypeAreMalformed()
    {
        var ids = ProtobufWire.Message(o =>
        {
            o.Field(1, TraceIdBytes);
            o.Field(2, SpanIdBytes);
        });
        byte[] badEvent = [.. ids, .. ProtobufWire.Message(o => o.Field(11, ProtobufWire.Message(e => e.Varint(1, 5))))];
        byte[] badLink = [.. ids, .. ProtobufWire.Message(o => o.Field(13, ProtobufWire.Message(l => l.Fixed64(5, 5))))];

        var eventError = Assert.Throws<MalformedPayloadException>(() => Decode(RequestWithSpan(badEvent)));
        var linkError = Assert.Throws<MalformedPayloadException>(() => Decode(RequestWithSpan(badLink)));

        Assert.StartsWith("malformed protobuf in Span.Event", eventError.Message);
        Assert.EndsWith("time_unix_nano has wire type 0, expected 1", eventError.Message);
        Assert.StartsWith("malformed protobuf in Span.Link", linkError.Message);
        Assert.EndsWith("dropped_attributes_count has wire type 1, expected 0", linkError.Message);
    }

    [Fact]
    public void TooDeeplyNestedAttributeValueIsMalformed()
    {
        var value = new OtlpAnyValue { IntValue = 1 };
        for (var i = 0; i < 33; i++) value = new OtlpAnyValue { ArrayValue = new ArrayValue { Values = { value } } };
        var span = FullSpan();
        span.Events[0].Attributes.Add(new KeyValue { Key = "deep", Value = value });

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(Request(span)));

        Assert.Contains("malformed protobuf in AnyValue", error.Message);
        Assert.Contains("nested deeper than 32 levels", error.Message);
    }
}
