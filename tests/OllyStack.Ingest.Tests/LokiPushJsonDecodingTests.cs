using System.Text;
using OllyStack.Core.Logs;
using OllyStack.Ingest.Loki;
using OllyStack.Ingest.Wire;
using static OllyStack.Ingest.Tests.LokiProtobuf;

namespace OllyStack.Ingest.Tests;

public sealed class LokiPushJsonDecodingTests : IDisposable
{
    private const long Observed = 1_700_000_100_000_000_000;
    private readonly LogBatch batch = new();

    public void Dispose() => batch.Dispose();

    private void Decode(string json) => LokiPushJsonDecoder.Decode(Encoding.UTF8.GetBytes(json), batch, Observed);

    private string Refusal(string json) => Assert.Throws<MalformedPayloadException>(() => Decode(json)).Message;

    [Fact]
    public void JsonDecodesToTheSameBatchAsTheSameProtobufPush()
    {
        Decode("""
            {"streams": [
              {"stream": {"job": "checkout", "level": "WARN", "path": "C:\\logs\\a \"b\""},
               "values": [
                 ["1700000000123456789", "payment failed: \u00e9\n", {"trace_id": "0af7651916cd43dd8448eb211c80319c", "user": "u-17"}],
                 ["1700000000123456790", "retrying"]]},
              {"stream": {"job": "cart"}, "values": [["1700000000123456791", "added item", {}]]}
            ]}
            """);
        using var protobuf = new LogBatch();
        LokiPushProtobufDecoder.Decode(Push(
            Stream("{job=\"checkout\", level=\"WARN\", path=\"C:\\\\logs\\\\a \\\"b\\\"\"}",
                Entry(1_700_000_000_123_456_789, "payment failed: é\n", ("trace_id", "0af7651916cd43dd8448eb211c80319c"), ("user", "u-17")),
                Entry(1_700_000_000_123_456_790, "retrying")),
            Stream("{job=\"cart\"}", Entry(1_700_000_000_123_456_791, "added item"))), protobuf, Observed);

        SameBatch.Assert(protobuf, batch);
        Assert.Equal("""
            time=1700000000123456789 observed=1700000100000000000
            severity=13 WARN
            body=string:payment failed: é

            attributes={trace_id=string:0af7651916cd43dd8448eb211c80319c, user=string:u-17} dropped=0
            flags=0 trace=0af7651916cd43dd8448eb211c80319c span=0000000000000000 event=
            resource {job=string:checkout, level=string:WARN, path=string:C:\logs\a "b"} dropped=0 schema=
            scope @ {} dropped=0 schema=
            """.ReplaceLineEndings("\n"), OtlpBatchText.LogRecord(batch, 0));
    }

    [Fact]
    public void ValuesBeforeTheStreamLabelsAndUnknownFieldsAreFine()
    {
        Decode("""{"extra": [1, {"a": null}], "streams": [{"values": [["5", "x"]], "other": {"deep": [[]]}, "stream": {"job": "api"}}]}""");

        Assert.Equal(5, batch.TimeUnixNano[0]);
        Assert.Equal("resource {job=string:api} dropped=0 schema=", OtlpBatchText.Resource(batch, batch.ResourceIndex[0]));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"streams": null}""")]
    [InlineData("""{"streams": []}""")]
    [InlineData("""{"streams": [{"stream": {"job": "api"}, "values": null}]}""")]
    [InlineData("""{"streams": [{"stream": {"job": "api"}, "values": []}]}""")]
    public void APushWithoutEntriesDecodesToNothing(string json)
    {
        Decode(json);

        Assert.Equal(0, batch.RecordCount);
    }

    [Fact]
    public void NullStructuredMetadataIsNone()
    {
        Decode("""{"streams": [{"stream": {"job": "api"}, "values": [["1", "x", null]]}]}""");

        Assert.Equal(0, batch.RecordAttributes[0].Count);
    }

    [Theory]
    [InlineData("[]", "at the body: expected an object, found an array")]
    [InlineData("""{"streams": {}}""", "at streams: expected an array, found an object")]
    [InlineData("""{"streams": [5]}""", "at streams[0]: expected an object, found a number")]
    [InlineData("""{"streams": [{"values": []}]}""", "at streams[0].stream: a stream needs at least one label with a non-empty value")]
    [InlineData("""{"streams": [{"stream": {"job": ""}}]}""", "at streams[0].stream: a stream needs at least one label with a non-empty value")]
    [InlineData("""{"streams": [{"stream": ["job"]}]}""", "at streams[0].stream: expected an object of label names and values, found an array")]
    [InlineData("""{"streams": [{"stream": {"job": 5}}]}""", "at streams[0].stream.job: expected a string, found a number")]
    [InlineData("""{"streams": [{"stream": {"service.name": "x"}}]}""", "at streams[0].stream: 'service.name' is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)")]
    [InlineData("""{"streams": [{"stream": {"job": "a", "job": "b"}}]}""", "at streams[0].stream: label 'job' appears twice")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": {}}]}""", "at streams[0].values: expected an array, found an object")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": ["1", "x"]}]}""", "at streams[0].values[0]: expected an array [timestamp, line] or [timestamp, line, structured metadata], found a string")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": [[1700000000000000000, "x"]]}]}""", "at streams[0].values[0][0]: expected a string of Unix epoch nanoseconds, found a number")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": [["17e9", "x"]]}]}""", "at streams[0].values[0][0]: \"17e9\" is not Unix epoch nanoseconds (decimal digits, at most 9223372036854775807)")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": [["-5", "x"]]}]}""", "at streams[0].values[0][0]: \"-5\" is not Unix epoch nanoseconds")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": [["", "x"]]}]}""", "at streams[0].values[0][0]: \"\" is not Unix epoch nanoseconds")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": [["9223372036854775808", "x"]]}]}""", "at streams[0].values[0][0]: \"9223372036854775808\" is not Unix epoch nanoseconds")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": [["1"]]}]}""", "at streams[0].values[0][1]: expected the log line as a string, found the end of the array")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": [["1", "x", {"a": 1}]]}]}""", "at streams[0].values[0][2].a: expected a string, found a number")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": [["1", "x", {"": "v"}]]}]}""", "at streams[0].values[0][2]: structured metadata has an empty name")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": [["1", "x", "meta"]]}]}""", "at streams[0].values[0][2]: expected an object of structured metadata, found a string")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": [["1", "x", {}, "more"]]}]}""", "at streams[0].values[0]: an entry has at most three elements")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": []}, {"stream": {"job": "b"}, "values": [["1", "x"], ["2", 3]]}]}""", "at streams[1].values[1][1]: expected the log line as a string, found a number")]
    public void AnInvalidPushFailsNamingThePathOfTheBadValue(string json, string problem) =>
        Assert.StartsWith("invalid Loki push JSON " + problem, Refusal(json));

    [Theory]
    [InlineData("", "malformed JSON at byte 0")]
    [InlineData("""{"streams": [""", "malformed JSON at byte 13")]
    [InlineData("""{} x""", "malformed JSON at byte 3")]
    [InlineData("""{"streams": [{"stream": {"job": "a"}, "values": [["1", "x",]]}]}""", "malformed JSON at byte")]
    public void ABodyThatIsNotJsonFailsNamingTheByte(string json, string problem) =>
        Assert.StartsWith(problem, Refusal(json));
}
