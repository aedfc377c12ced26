using OllyStack.Core.Logs;
using OllyStack.Core.Traces;
using OllyStack.Ingest.Otlp;

namespace OllyStack.Ingest.Tests;

/// <summary>
/// The JSON decoders allocate per request (the parsed document and its wrapper), never per record or attribute:
/// decoding a hundred times more records allocates no more.
/// </summary>
public class OtlpJsonAllocationTests
{
    [Fact]
    public void DecodingLogsAllocatesPerRequestNotPerRecord()
    {
        var few = AllocatedDecodingLogs(OtlpJsonFormat.Format(ProtobufTestRequests.Logs(10)));
        var many = AllocatedDecodingLogs(OtlpJsonFormat.Format(ProtobufTestRequests.Logs(1000)));

        Assert.InRange(many, 0, few + 256);
    }

    [Fact]
    public void DecodingSpansAllocatesPerRequestNotPerSpan()
    {
        var few = AllocatedDecodingSpans(OtlpJsonFormat.Format(ProtobufTestRequests.Spans(10)));
        var many = AllocatedDecodingSpans(OtlpJsonFormat.Format(ProtobufTestRequests.Spans(1000)));

        Assert.InRange(many, 0, few + 256);
    }

    private static long AllocatedDecodingLogs(byte[] json)
    {
        using var batch = new LogBatch();
        var rejections = new RejectionTally();
        OtlpLogsJsonDecoder.Decode(json, batch, ref rejections);    // grows the pooled columns to their working size
        batch.Clear();
        var before = GC.GetAllocatedBytesForCurrentThread();
        OtlpLogsJsonDecoder.Decode(json, batch, ref rejections);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static long AllocatedDecodingSpans(byte[] json)
    {
        using var batch = new SpanBatch();
        var rejections = new RejectionTally();
        OtlpTracesJsonDecoder.Decode(json, batch, ref rejections);
        batch.Clear();
        var before = GC.GetAllocatedBytesForCurrentThread();
        OtlpTracesJsonDecoder.Decode(json, batch, ref rejections);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
