using Google.Protobuf;
using OllyStack.Core.Logs;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;
using OllyStack.Ingest.Otlp;

namespace OllyStack.Ingest.Tests;

/// <summary>The same request, sent as OTLP/JSON instead of protobuf, must land in the batch byte for byte alike.</summary>
public class OtlpJsonMatchesProtobufTests
{
    public static TheoryData<bool, bool> JsonSpellings => new()
    {
        { false, false },   // lowerCamelCase names, enum names
        { true, false },    // proto field names
        { false, true },    // enums as integers
        { true, true },
    };

    [Theory]
    [MemberData(nameof(JsonSpellings))]
    public void LogsDecodeToTheSameBatchAsProtobuf(bool protoFieldNames, bool enumsAsIntegers)
    {
        var request = RichOtlpRequests.Logs();
        using var fromProtobuf = new LogBatch { Tenant = "acme" };
        using var fromJson = new LogBatch { Tenant = "acme" };
        var protobufRejections = new RejectionTally();
        var jsonRejections = new RejectionTally();

        OtlpLogsProtobufDecoder.Decode(request.ToByteArray(), fromProtobuf, ref protobufRejections);
        OtlpLogsJsonDecoder.Decode(OtlpJsonFormat.Format(request, protoFieldNames, enumsAsIntegers), fromJson, ref jsonRejections);

        Assert.Equal(6, fromJson.RecordCount);
        SameBatch.Assert(fromProtobuf, fromJson);
        AssertSameRejections(protobufRejections, jsonRejections, expected: 2);
    }

    [Theory]
    [MemberData(nameof(JsonSpellings))]
    public void SpansDecodeToTheSameBatchAsProtobuf(bool protoFieldNames, bool enumsAsIntegers)
    {
        var request = RichOtlpRequests.Spans();
        using var fromProtobuf = new SpanBatch { Tenant = "acme" };
        using var fromJson = new SpanBatch { Tenant = "acme" };
        var protobufRejections = new RejectionTally();
        var jsonRejections = new RejectionTally();

        OtlpTracesProtobufDecoder.Decode(request.ToByteArray(), fromProtobuf, ref protobufRejections);
        OtlpTracesJsonDecoder.Decode(OtlpJsonFormat.Format(request, protoFieldNames, enumsAsIntegers), fromJson, ref jsonRejections);

        Assert.Equal(4, fromJson.RecordCount);
        SameBatch.Assert(fromProtobuf, fromJson);
        AssertSameRejections(protobufRejections, jsonRejections, expected: 5);
    }

    [Theory]
    [MemberData(nameof(JsonSpellings))]
    public void MetricsDecodeToTheSameBatchAsProtobuf(bool protoFieldNames, bool enumsAsIntegers)
    {
        var request = RichOtlpRequests.Metrics();
        using var fromProtobuf = new MetricBatch { Tenant = "acme" };
        using var fromJson = new MetricBatch { Tenant = "acme" };
        var protobufRejections = new RejectionTally();
        var jsonRejections = new RejectionTally();

        OtlpMetricsProtobufDecoder.Decode(request.ToByteArray(), fromProtobuf, ref protobufRejections);
        OtlpMetricsJsonDecoder.Decode(OtlpJsonFormat.Format(request, protoFieldNames, enumsAsIntegers), fromJson, ref jsonRejections);

        Assert.True(fromJson.RecordCount > 20);
        SameBatch.Assert(fromProtobuf, fromJson);
        AssertSameRejections(protobufRejections, jsonRejections, expected: 4);
    }

    private static void AssertSameRejections(RejectionTally protobuf, RejectionTally json, long expected)
    {
        Assert.Equal(expected, protobuf.Rejected);
        Assert.Equal(protobuf.Rejected, json.Rejected);
        Assert.Equal(protobuf.Message, json.Message);
    }
}
