using System.Text;
using Google.Protobuf;
using OllyStack.Core.Logs;
using OllyStack.Ingest.Otlp;
using OllyStack.Ingest.Otlp.Collector.Logs;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Logs;
using OllyStack.Ingest.Wire;
using static OllyStack.Ingest.Tests.OtlpJsonDecoding;

namespace OllyStack.Ingest.Tests;

/// <summary>A body that is not OTLP/JSON fails the whole request with a message saying what is wrong and where.</summary>
public class MalformedOtlpJsonTests
{
    [Fact]
    public void TextThatIsNotJsonIsRefusedWithItsByteOffset()
    {
        var error = Assert.Throws<MalformedPayloadException>(() => DecodeLogs("hello"));

        Assert.Equal("malformed JSON at byte 0: 'h' is an invalid start of a value.", error.Message);
    }

    [Fact]
    public void TruncatedJsonIsRefusedWithTheByteOffsetWhereItEnds()
    {
        const string truncated = """{"resourceLogs":[{"scopeLogs":[""";

        var error = Assert.Throws<MalformedPayloadException>(() => DecodeLogs(truncated));

        Assert.StartsWith($"malformed JSON at byte {truncated.Length}: ", error.Message);
    }

    [Fact]
    public void ParseErrorsOnLaterLinesCountBytesFromTheStartOfTheBody()
    {
        var error = Assert.Throws<MalformedPayloadException>(() => DecodeLogs("{\n  \"resourceLogs\": [\n    @ ]}"));

        Assert.StartsWith("malformed JSON at byte 26: ", error.Message);
    }

    [Fact]
    public void ATopLevelArrayIsRefused()
    {
        var error = Assert.Throws<MalformedPayloadException>(() => DecodeLogs("""[{"resourceLogs":[]}]"""));

        Assert.Equal("malformed OTLP JSON at top level: expected an object, found an array", error.Message);
    }

    [Fact]
    public void AFieldOfTheWrongJsonTypeIsRefusedWithItsPath()
    {
        var error = Assert.Throws<MalformedPayloadException>(() => DecodeLogs("""{"resourceLogs":5}"""));

        Assert.Equal("malformed OTLP JSON at resourceLogs: expected an array, found a number", error.Message);
    }

    [Fact]
    public void AResourceThatIsNotAnObjectIsRefusedWithItsPath()
    {
        var error = Assert.Throws<MalformedPayloadException>(() => DecodeSpans("""{"resourceSpans":[{},{"resource":"checkout"}]}"""));

        Assert.Equal("malformed OTLP JSON at resourceSpans[1].resource: expected an object, found a string", error.Message);
    }

    [Fact]
    public void ANonHexTraceIdIsRefusedWithItsPath()
    {
        const string span = """{"spanId":"eee19b7ec3c1b174","traceId":"5b8efff798038103d269b633813fc60c"}""";
        const string json = $$"""
            {"resourceSpans":[{"scopeSpans":[
              {"spans":[{{span}}]},
              {"spans":[{{span}},{{span}},{{span}},{"traceId":"zz","spanId":"eee19b7ec3c1b174"}]}]}]}
            """;

        var error = Assert.Throws<MalformedPayloadException>(() => DecodeSpans(json));

        Assert.Equal("""malformed OTLP JSON at resourceSpans[0].scopeSpans[1].spans[3].traceId: "zz" is not 32 hex digits""", error.Message);
    }

    [Fact]
    public void ABase64TraceIdIsRefusedBecauseOtlpJsonIdsAreHex()
    {
        var error = Assert.Throws<MalformedPayloadException>(() =>
            DecodeLogs(LogRecordRequest("""{"traceId":"W47/95gDgQPSabYzgT/GDA=="}""")));

        Assert.Equal("""malformed OTLP JSON at resourceLogs[0].scopeLogs[0].logRecords[0].traceId: "W47/95gDgQPSabYzgT/GDA==" is not 32 hex digits""", error.Message);
    }

    [Theory]
    [InlineData("\"soon\"", "\"soon\" is not an unsigned 64-bit integer")]
    [InlineData("1.5", "1.5 is not an unsigned 64-bit integer")]
    [InlineData("-1", "-1 is not an unsigned 64-bit integer")]
    [InlineData("true", "expected a number or a numeric string, found a boolean")]
    public void ATimeThatIsNotAnUnsignedIntegerIsRefusedWithItsPath(string time, string problem)
    {
        var error = Assert.Throws<MalformedPayloadException>(() =>
            DecodeLogs(LogRecordRequest($$"""{"body":{"stringValue":"x"},"timeUnixNano":{{time}}}""")));

        Assert.Equal($"malformed OTLP JSON at resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano: {problem}", error.Message);
    }

    [Fact]
    public void AnAnyValueFieldOfTheWrongTypeIsRefusedWithItsPath()
    {
        var error = Assert.Throws<MalformedPayloadException>(() =>
            DecodeLogs(LogRecordRequest("""{"attributes":[{"key":"a","value":{"arrayValue":{"values":[{"intValue":true}]}}}]}""")));

        Assert.Equal("malformed OTLP JSON at resourceLogs[0].scopeLogs[0].logRecords[0].attributes[0].value.arrayValue.values[0].intValue: expected a number or a numeric string, found a boolean", error.Message);
    }

    [Fact]
    public void AnUnknownEnumNameIsRefused()
    {
        var error = Assert.Throws<MalformedPayloadException>(() =>
            DecodeSpans(SpanRequest("""{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","kind":"SPAN_KIND_SIDEWAYS"}""")));

        Assert.Equal("""malformed OTLP JSON at resourceSpans[0].scopeSpans[0].spans[0].kind: "SPAN_KIND_SIDEWAYS" is not a SpanKind number or name""", error.Message);
    }

    [Fact]
    public void AnExponentialHistogramScaleOutsideTheSpecIsRefusedWithItsPath()
    {
        var error = Assert.Throws<MalformedPayloadException>(() =>
            DecodeMetrics(MetricRequest("""{"name":"h","exponentialHistogram":{"dataPoints":[{"scale":21,"count":"1"}]}}""")));

        Assert.Equal("malformed OTLP JSON at resourceMetrics[0].scopeMetrics[0].metrics[0].exponentialHistogram.dataPoints[0].scale: exponential histogram scale 21 is outside -10..20", error.Message);
    }

    [Theory]
    [InlineData(OtlpProtobufCommon.MaxAnyValueDepth, false)]
    [InlineData(OtlpProtobufCommon.MaxAnyValueDepth + 1, true)]
    public void AnyValuesNestTheSameDepthAsInProtobuf(int arrays, bool refused)
    {
        var request = LogWithNestedArrays(arrays);
        using var batch = new LogBatch();
        var rejections = new RejectionTally();

        var protobufError = Record.Exception(() => OtlpLogsProtobufDecoder.Decode(request.ToByteArray(), batch, ref rejections));
        var jsonError = Record.Exception(() => OtlpLogsJsonDecoder.Decode(OtlpJsonFormat.Format(request), batch, ref rejections));

        Assert.Equal(refused, protobufError is MalformedPayloadException);
        Assert.Equal(refused, jsonError is MalformedPayloadException);
        if (refused) Assert.EndsWith(": AnyValue nested deeper than 32 levels", jsonError!.Message);
    }

    private static ExportLogsServiceRequest LogWithNestedArrays(int arrays)
    {
        var value = new AnyValue { StringValue = "leaf" };
        for (var i = 0; i < arrays; i++) value = new AnyValue { ArrayValue = new ArrayValue { Values = { value } } };
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(new ResourceLogs { ScopeLogs = { new ScopeLogs { LogRecords = { new LogRecord { Body = value } } } } });
        return request;
    }
}
