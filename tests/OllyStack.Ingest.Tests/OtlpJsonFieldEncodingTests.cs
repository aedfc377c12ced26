using OllyStack.Core.Batches;
using static OllyStack.Ingest.Tests.OtlpJsonDecoding;

namespace OllyStack.Ingest.Tests;

/// <summary>The spellings OTLP/JSON allows for names, integers, enums, ids, doubles and bytes all decode alike.</summary>
public class OtlpJsonFieldEncodingTests
{
    private const string TraceIdHex = "5b8efff798038103d269b633813fc60c";
    private const string SpanIdHex = "eee19b7ec3c1b174";

    [Fact]
    public void ProtoFieldNamesDecodeLikeLowerCamelCaseNames()
    {
        var camel = DecodeSpans(SpanRequest($$$"""
            {"traceId":"{{{TraceIdHex}}}","spanId":"{{{SpanIdHex}}}","parentSpanId":"eee19b7ec3c1b173","traceState":"k=v",
             "name":"GET /","kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000000000009",
             "attributes":[{"key":"http.route","value":{"stringValue":"/"}}],"droppedAttributesCount":1,"droppedEventsCount":2,
             "droppedLinksCount":3,"events":[{"timeUnixNano":"5","name":"e","droppedAttributesCount":4}],
             "links":[{"traceId":"{{{TraceIdHex}}}","spanId":"{{{SpanIdHex}}}","traceState":"a=b","droppedAttributesCount":5}],
             "status":{"code":2,"message":"boom"}}
            """));
        var snake = DecodeSpans(SpanRequest($$$"""
            {"trace_id":"{{{TraceIdHex}}}","span_id":"{{{SpanIdHex}}}","parent_span_id":"eee19b7ec3c1b173","trace_state":"k=v",
             "name":"GET /","kind":2,"start_time_unix_nano":"1700000000000000000","end_time_unix_nano":"1700000000000000009",
             "attributes":[{"key":"http.route","value":{"string_value":"/"}}],"dropped_attributes_count":1,"dropped_events_count":2,
             "dropped_links_count":3,"events":[{"time_unix_nano":"5","name":"e","dropped_attributes_count":4}],
             "links":[{"trace_id":"{{{TraceIdHex}}}","span_id":"{{{SpanIdHex}}}","trace_state":"a=b","dropped_attributes_count":5}],
             "status":{"code":2,"message":"boom"}}
            """).Replace("\"resourceSpans\"", "\"resource_spans\"").Replace("\"scopeSpans\"", "\"scope_spans\""));

        Assert.Equal(1, camel.RecordCount);
        SameBatch.Assert(camel, snake);
    }

    [Fact]
    public void SixtyFourBitIntegersAcceptStringsAndNumbers()
    {
        var asStrings = DecodeLogs(LogRecordRequest("""{"timeUnixNano":"1700000000000000001","body":{"intValue":"-5"}}"""));
        var asNumbers = DecodeLogs(LogRecordRequest("""{"timeUnixNano":1700000000000000001,"body":{"intValue":-5}}"""));

        Assert.Equal(1_700_000_000_000_000_001, asNumbers.TimeUnixNano[0]);
        Assert.Equal(AnyValue.OfInt(-5), asNumbers.Body[0]);
        SameBatch.Assert(asStrings, asNumbers);
    }

    [Fact]
    public void WholeNumbersInExponentOrFractionFormAreAccepted()
    {
        var batch = DecodeLogs(LogRecordRequest("""{"timeUnixNano":1.7e18,"observedTimeUnixNano":"2.0","droppedAttributesCount":"3"}"""));

        Assert.Equal(1_700_000_000_000_000_000, batch.TimeUnixNano[0]);
        Assert.Equal(2, batch.ObservedTimeUnixNano[0]);
        Assert.Equal(3u, batch.DroppedAttributesCount[0]);
    }

    [Fact]
    public void EnumsAcceptNumbersAndValueNames()
    {
        var numbers = DecodeSpans(SpanRequest($$$"""{"traceId":"{{{TraceIdHex}}}","spanId":"{{{SpanIdHex}}}","kind":2,"status":{"code":2}}"""));
        var names = DecodeSpans(SpanRequest($$$"""{"traceId":"{{{TraceIdHex}}}","spanId":"{{{SpanIdHex}}}","kind":"SPAN_KIND_SERVER","status":{"code":"STATUS_CODE_ERROR"}}"""));
        var severityNumber = DecodeLogs(LogRecordRequest("""{"severityNumber":17}"""));
        var severityName = DecodeLogs(LogRecordRequest("""{"severityNumber":"SEVERITY_NUMBER_ERROR"}"""));

        Assert.Equal(2, names.Kind[0]);
        Assert.Equal(2, names.StatusCode[0]);
        SameBatch.Assert(numbers, names);
        Assert.Equal(17, severityName.SeverityNumber[0]);
        SameBatch.Assert(severityNumber, severityName);
    }

    [Fact]
    public void HexIdsAreReadInEitherCase()
    {
        var upper = DecodeSpans(SpanRequest($$$"""{"traceId":"{{{TraceIdHex.ToUpperInvariant()}}}","spanId":"{{{SpanIdHex.ToUpperInvariant()}}}"}"""));
        var lower = DecodeSpans(SpanRequest($$$"""{"traceId":"{{{TraceIdHex}}}","spanId":"{{{SpanIdHex}}}"}"""));

        Assert.Equal(TraceIdHex, upper.TraceIds[0].ToString());
        Assert.Equal(SpanIdHex, upper.SpanIds[0].ToString());
        SameBatch.Assert(lower, upper);
    }

    [Fact]
    public void AnEmptyIdStringIsAnAbsentId()
    {
        var logs = DecodeLogs(LogRecordRequest("""{"traceId":"","spanId":"","body":{"stringValue":"no trace"}}"""));
        DecodeSpans(SpanRequest($$$"""{"traceId":"","spanId":"{{{SpanIdHex}}}"}"""), out var rejections);

        Assert.Equal(1, logs.RecordCount);
        Assert.True(logs.TraceIds[0].IsEmpty);
        Assert.Equal("span rejected: trace_id is missing", rejections.Message);
    }

    [Fact]
    public void NullFieldsAreAbsentAndUnknownFieldsAreIgnored()
    {
        var plain = DecodeLogs(LogRecordRequest("""{"timeUnixNano":"7","body":{"stringValue":"x"}}"""));
        var decorated = DecodeLogs(LogRecordRequest("""
            {"timeUnixNano":"7","severityText":null,"attributes":null,"traceId":null,"futureField":{"nested":[1,2,{"x":null}]},
             "body":{"stringValue":"x","intValue":null}}
            """));

        SameBatch.Assert(plain, decorated);
    }

    [Fact]
    public void DoublesAcceptNumbersNumericStringsAndNonFiniteNames()
    {
        var batch = DecodeMetrics(MetricRequest("""
            {"name":"g","gauge":{"dataPoints":[{"asDouble":1.5},{"asDouble":"2.5"},{"asDouble":"NaN"},{"asDouble":"Infinity"},{"asDouble":"-Infinity"}]}}
            """));

        var values = batch.SampleValues.Span.ToArray();
        Assert.Equal([1.5, 2.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity], values);
    }

    [Fact]
    public void BytesAcceptStandardUrlSafeAndUnpaddedBase64()
    {
        var standard = DecodeLogs(LogRecordRequest("""{"body":{"bytesValue":"+/8="}}"""));
        var urlSafe = DecodeLogs(LogRecordRequest("""{"body":{"bytesValue":"-_8"}}"""));

        Assert.Equal([0xfb, 0xff], standard.Strings[standard.Body[0].Text].ToArray());
        SameBatch.Assert(standard, urlSafe);
    }

    [Fact]
    public void EscapedStringsAreStoredUnescaped()
    {
        var batch = DecodeLogs(LogRecordRequest("""{"body":{"stringValue":"caf\u00e9 \"quoted\" \/ \\"},"attributes":[{"key":"\u006bey","value":{"stringValue":"v"}}]}"""));

        Assert.Equal("café \"quoted\" / \\", batch.GetString(batch.Body[0].Text));
        Assert.Equal("key", batch.GetString(batch.AttributesOf(batch.RecordAttributes[0])[0].Key));
    }

    [Fact]
    public void EscapedFieldNamesAreRecognised()
    {
        var plain = DecodeLogs(LogRecordRequest("""{"timeUnixNano":"7","body":{"stringValue":"x"}}"""));
        var escaped = DecodeLogs(LogRecordRequest("""{"time\u0055nixNano":"7","body":{"string_\u0076alue":"x"}}"""));

        SameBatch.Assert(plain, escaped);
    }

    [Fact]
    public void ArraysAndKvlistsAreStoredAsJsonText()
    {
        var batch = DecodeLogs(LogRecordRequest("""
            {"body":{"kvlistValue":{"values":[
              {"key":"list","value":{"arrayValue":{"values":[{"stringValue":"a"},{"intValue":"3"},{"doubleValue":0.5},{"boolValue":true},
                {"bytesValue":"AQI="},{"doubleValue":"NaN"},{"doubleValue":"-Infinity"},{}]}}},
              {"key":"nested","value":{"kvlistValue":{"values":[{"key":"k","value":{"stringValue":"v"}}]}}},
              {"key":"missing"}]}}}
            """));

        Assert.Equal(AnyValueKind.KeyValueList, batch.Body[0].Kind);
        Assert.Equal("""{"list":["a",3,0.5,true,"AQI=","NaN","-Infinity",null],"nested":{"k":"v"},"missing":null}""", batch.GetString(batch.Body[0].Text));
    }
}
