using Google.Protobuf;
using OllyStack.Core.Traces;
using OllyStack.Ingest.Otlp;
using OllyStack.Ingest.Otlp.Trace;
using static OllyStack.Ingest.Tests.OtlpJsonDecoding;

namespace OllyStack.Ingest.Tests;

/// <summary>A record that breaks OTLP's rules is rejected on its own (partial success); the rest of the request is kept.</summary>
public class OtlpJsonRejectionTests
{
    private const string TraceIdHex = "5b8efff798038103d269b633813fc60c";

    [Fact]
    public void ASpanWithAWrongLengthSpanIdIsRejectedAndTheOtherSpansKept()
    {
        var batch = DecodeSpans(SpanRequest(Span("eee19b7ec3c1b171"), Span("eee19b7e"), Span("eee19b7ec3c1b173")), out var rejections);

        Assert.Equal(["eee19b7ec3c1b171", "eee19b7ec3c1b173"], batch.SpanIds.Span.ToArray().Select(id => id.ToString()));
        Assert.Equal(1, rejections.Rejected);
        Assert.Equal("span rejected: span_id has 4 bytes, expected 8", rejections.Message);
        Assert.Equal(2, batch.Events.Count);
        Assert.Equal(4, batch.Attributes.Count);
        Assert.Equal("second", batch.GetString(batch.AttributesOf(batch.SpanAttributes[1])[0].Value.Text));
    }

    [Fact]
    public void ALogRecordWithAShortTraceIdIsRejectedAndTheOtherRecordsKept()
    {
        var json = $$$"""
            {"resourceLogs":[{"scopeLogs":[{"logRecords":[
              {"body":{"stringValue":"kept"},"traceId":"{{{TraceIdHex}}}"},
              {"body":{"stringValue":"rejected"},"traceId":"5b8efff798038103","attributes":[{"key":"a","value":{"intValue":1}}]},
              {"body":{"stringValue":"kept too"}}]}]}]}
            """;

        var batch = DecodeLogs(json, out var rejections);

        Assert.Equal(2, batch.RecordCount);
        Assert.Empty(batch.Attributes.Span.ToArray());
        Assert.Equal("log record rejected: trace_id has 8 bytes, expected 16", rejections.Message);
    }

    [Fact]
    public void ANegativeEnumIsRejectedWithTheMessageProtobufGives()
    {
        var span = new Span { TraceId = ByteString.FromBase64("W47/95gDgQPSabYzgT/GDA=="), SpanId = ByteString.FromBase64("7uGbfsPBsXQ="), Kind = (Span.Types.SpanKind)(-1) };
        var request = new Otlp.Collector.Trace.ExportTraceServiceRequest { ResourceSpans = { new ResourceSpans { ScopeSpans = { new ScopeSpans { Spans = { span } } } } } };
        using var fromProtobuf = new SpanBatch();
        var protobufRejections = new RejectionTally();
        OtlpTracesProtobufDecoder.Decode(request.ToByteArray(), fromProtobuf, ref protobufRejections);

        DecodeSpans(SpanRequest($$$"""{"traceId":"{{{TraceIdHex}}}","spanId":"eee19b7ec3c1b174","kind":-1}"""), out var jsonRejections);

        Assert.Equal("span rejected: kind 18446744073709551615 is outside 0-5", protobufRejections.Message);
        Assert.Equal(protobufRejections.Message, jsonRejections.Message);
    }

    [Fact]
    public void AMetricWithoutANameRejectsEachOfItsPoints()
    {
        var batch = DecodeMetrics(MetricRequest("""{"unit":"s","gauge":{"dataPoints":[{"asInt":"1"},{"asInt":"2"}]}}"""), out var rejections);

        Assert.Equal(0, batch.RecordCount);
        Assert.Equal(2, rejections.Rejected);
        Assert.Equal("metric rejected: name is empty (and 1 more rejected)", rejections.Message);
    }

    [Fact]
    public void AHistogramPointWhoseBucketsDoNotMatchItsBoundsIsRejected()
    {
        DecodeMetrics(MetricRequest("""{"name":"h","histogram":{"dataPoints":[{"count":"3","explicitBounds":[1,2],"bucketCounts":["1","2"]}]}}"""), out var rejections);

        Assert.Equal("histogram data point rejected: bucket_counts must have one more entry than explicit_bounds", rejections.Message);
    }

    [Fact]
    public void APointWhoseAttributesMapToTheSameLabelIsRejected()
    {
        var batch = DecodeMetrics(MetricRequest("""
            {"name":"g","gauge":{"dataPoints":[
              {"asInt":"1","attributes":[{"key":"a.b","value":{"stringValue":"x"}},{"key":"a_b","value":{"stringValue":"y"}}]},
              {"asInt":"2","attributes":[{"key":"a.b","value":{"stringValue":"x"}}]}]}}
            """), out var rejections);

        Assert.Equal(["g{a_b=\"x\",job=\"checkout\"} 2"], PrometheusSeriesText.Samples(batch));
        Assert.Equal("data point rejected: two attributes map to the same Prometheus label name", rejections.Message);
    }

    private static string Span(string spanId) => $$$"""
        {"traceId":"{{{TraceIdHex}}}","spanId":"{{{spanId}}}","name":"{{{spanId}}}",
         "attributes":[{"key":"order","value":{"stringValue":"{{{(spanId.EndsWith('1') ? "first" : "second")}}}"}}],
         "events":[{"name":"e","attributes":[{"key":"k","value":{"stringValue":"v"}}]}]}
        """;
}
