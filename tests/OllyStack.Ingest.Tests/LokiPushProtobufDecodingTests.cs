using OllyStack.Core.Logs;
using OllyStack.Ingest.Loki;
using OllyStack.Ingest.Wire;
using static OllyStack.Ingest.Tests.LokiProtobuf;

namespace OllyStack.Ingest.Tests;

public sealed class LokiPushProtobufDecodingTests : IDisposable
{
    private const long T0 = 1_700_000_000_123_456_789;
    private const long Observed = 1_700_000_100_000_000_000;
    private readonly LogBatch batch = new();

    public void Dispose() => batch.Dispose();

    private void Decode(byte[] request) => LokiPushProtobufDecoder.Decode(request, batch, Observed);

    private string Refusal(byte[] request) => Assert.Throws<MalformedPayloadException>(() => Decode(request)).Message;

    [Fact]
    public void EachEntryBecomesALogRecordOfItsStreamsResource()
    {
        Decode(Push(
            Stream("{job=\"checkout\", level=\"error\"}",
                Entry(T0, "payment failed", ("trace_id", "0af7651916cd43dd8448eb211c80319c"), ("span_id", "b7ad6b7169203331"), ("user", "u-17")),
                Entry(T0 + 1, "retrying")),
            Stream("{job=\"cart\"}", Entry(T0 + 2, "added item"))));

        Assert.Equal(3, batch.RecordCount);
        Assert.Equal("""
            time=1700000000123456789 observed=1700000100000000000
            severity=17 error
            body=string:payment failed
            attributes={trace_id=string:0af7651916cd43dd8448eb211c80319c, span_id=string:b7ad6b7169203331, user=string:u-17} dropped=0
            flags=0 trace=0af7651916cd43dd8448eb211c80319c span=b7ad6b7169203331 event=
            resource {job=string:checkout, level=string:error} dropped=0 schema=
            scope @ {} dropped=0 schema=
            """.ReplaceLineEndings("\n"), OtlpBatchText.LogRecord(batch, 0));
        Assert.Equal("""
            time=1700000000123456790 observed=1700000100000000000
            severity=17 error
            body=string:retrying
            attributes={} dropped=0
            flags=0 trace=00000000000000000000000000000000 span=0000000000000000 event=
            resource {job=string:checkout, level=string:error} dropped=0 schema=
            scope @ {} dropped=0 schema=
            """.ReplaceLineEndings("\n"), OtlpBatchText.LogRecord(batch, 1));
        Assert.Equal("""
            time=1700000000123456791 observed=1700000100000000000
            severity=0 
            body=string:added item
            attributes={} dropped=0
            flags=0 trace=00000000000000000000000000000000 span=0000000000000000 event=
            resource {job=string:cart} dropped=0 schema=
            scope @ {} dropped=0 schema=
            """.ReplaceLineEndings("\n"), OtlpBatchText.LogRecord(batch, 2));
        Assert.Equal(2, batch.Resources.Count);
        Assert.Equal(1, batch.Scopes.Count);
    }

    [Fact]
    public void LabelsAfterTheEntriesOnTheWireStillMakeTheResource()
    {
        var stream = ProtobufWire.Reversed(Stream("{job=\"api\"}", Entry(T0, "first"), Entry(T0 + 1, "second")));

        Decode(Push(stream));

        Assert.Equal(["second", "first"], Enumerable.Range(0, 2).Select(i => batch.GetString(batch.Body[i].Text)));
        Assert.All(Enumerable.Range(0, 2), i => Assert.Equal("resource {job=string:api} dropped=0 schema=", OtlpBatchText.Resource(batch, batch.ResourceIndex[i])));
    }

    [Fact]
    public void StructuredMetadataIsKeptPerEntryInOrder()
    {
        Decode(Push(Stream("{job=\"api\"}",
            Entry(T0, "a", ("pod", "api-7"), ("route", "/pay")),
            Entry(T0, "b", ("pod", "api-7"), ("route", "/cart")))));

        Assert.Equal("{pod=string:api-7, route=string:/pay}", OtlpBatchText.Attributes(batch, batch.RecordAttributes[0]));
        Assert.Equal("{pod=string:api-7, route=string:/cart}", OtlpBatchText.Attributes(batch, batch.RecordAttributes[1]));
    }

    [Theory]
    [InlineData("0af7651916cd43dd8448eb211c8031", "b7ad6b71692033")]
    [InlineData("0af7651916cd43dd8448eb211c80319g", "b7ad6b716920333z")]
    [InlineData("00000000000000000000000000000000", "0000000000000000")]
    public void TraceContextThatIsNotAnIdStaysAPlainAttribute(string traceId, string spanId)
    {
        Decode(Push(Stream("{job=\"api\"}", Entry(T0, "x", ("trace_id", traceId), ("span_id", spanId)))));

        Assert.True(batch.TraceIds[0].IsEmpty);
        Assert.True(batch.SpanIds[0].IsEmpty);
        Assert.Equal($"{{trace_id=string:{traceId}, span_id=string:{spanId}}}", OtlpBatchText.Attributes(batch, batch.RecordAttributes[0]));
    }

    [Fact]
    public void UpperCaseHexIdsAreRead()
    {
        Decode(Push(Stream("{job=\"api\"}", Entry(T0, "x", ("trace_id", "0AF7651916CD43DD8448EB211C80319C"), ("span_id", "B7AD6B7169203331")))));

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", batch.TraceIds[0].ToString());
        Assert.Equal("b7ad6b7169203331", batch.SpanIds[0].ToString());
    }

    [Fact]
    public void AnEntryWithoutTimestampHasTimeZeroWhichMeansUnknown()
    {
        Decode(Push(Stream("{job=\"api\"}", ProtobufWire.Message(o => o.Text(2, "no time")))));

        Assert.Equal(0, batch.TimeUnixNano[0]);
        Assert.Equal(Observed, batch.ObservedTimeUnixNano[0]);
    }

    [Fact]
    public void AnEmptyRequestDecodesToNothing()
    {
        Decode([]);

        Assert.Equal(0, batch.RecordCount);
    }

    [Theory]
    [InlineData("{}", "invalid Loki push: stream 0 has labels '{}': a stream needs at least one label with a non-empty value")]
    [InlineData("{job=\"\"}", "invalid Loki push: stream 0 has labels '{job=\"\"}': a stream needs at least one label with a non-empty value")]
    [InlineData("", "invalid Loki push: stream 0 has labels '': a label set starts with '{' at byte 0")]
    [InlineData("{job=\"a\", job=\"b\"}", "invalid Loki push: stream 0 has labels '{job=\"a\", job=\"b\"}': label 'job' appears twice")]
    [InlineData("{job=api}", "invalid Loki push: stream 0 has labels '{job=api}': the value of label 'job' must be a double-quoted string at byte 5")]
    public void AStreamWithInvalidLabelsFailsTheRequestNamingThem(string labels, string message) =>
        Assert.Equal(message, Refusal(Push(Stream(labels, Entry(T0, "x")))));

    [Fact]
    public void TheStreamWithBadLabelsIsNamedByItsPosition() =>
        Assert.StartsWith("invalid Loki push: stream 1 has labels", Refusal(Push(Stream("{job=\"ok\"}", Entry(T0, "x")), Stream("{bad", Entry(T0, "y")))));

    [Theory]
    [InlineData(-1, 0, "seconds -1 is outside 1970-2262")]
    [InlineData(9_300_000_000, 0, "seconds 9300000000 is outside 1970-2262")]
    [InlineData(9_223_372_036, 854_775_808, "seconds 9223372036 is outside 1970-2262")]
    [InlineData(1, -1, "nanos -1 is outside 0-999999999")]
    [InlineData(1, 1_000_000_000, "nanos 1000000000 is outside 0-999999999")]
    public void ATimestampOutside64BitNanosecondsFailsTheRequest(long seconds, long nanos, string problem) =>
        Assert.Contains(problem, Refusal(Push(Stream("{job=\"api\"}", Entry(Timestamp(seconds, nanos), "x")))));

    [Fact]
    public void TheLatestRepresentableTimestampIsKept()
    {
        Decode(Push(Stream("{job=\"api\"}", Entry(Timestamp(9_223_372_036, 854_775_807), "x"))));

        Assert.Equal(long.MaxValue, batch.TimeUnixNano[0]);
    }

    [Fact]
    public void StructuredMetadataWithoutANameFailsTheRequest() =>
        Assert.Contains("structured metadata has an empty name", Refusal(Push(Stream("{job=\"api\"}", Entry(T0, "x", ("", "v"))))));

    [Theory]
    [InlineData(new byte[] { 0x0a, 0x05, 0x01 }, "malformed protobuf in PushRequest")]
    [InlineData(new byte[] { 0x08, 0x01 }, "field streams has wire type 0, expected 2")]
    [InlineData(new byte[] { 0x0a, 0x02, 0x12, 0x05 }, "malformed protobuf in StreamAdapter")]
    public void BytesThatAreNotAPushRequestFailNamingWhere(byte[] request, string problem) =>
        Assert.Contains(problem, Refusal(request));
}
