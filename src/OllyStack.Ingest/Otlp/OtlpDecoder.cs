using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;

namespace OllyStack.Ingest.Otlp;

/// <summary>Picks the decoder for a signal and encoding; the same for OTLP/HTTP and OTLP/gRPC.</summary>
public static class OtlpDecoder
{
    /// <summary>Decodes the request into <paramref name="batch"/>; throws MalformedPayloadException if it does not decode.</summary>
    public static void Decode(OtlpEncoding encoding, ReadOnlySpan<byte> body, TelemetryBatch batch, ref RejectionTally rejections)
    {
        switch (batch, encoding)
        {
            case (MetricBatch m, OtlpEncoding.Protobuf): OtlpMetricsProtobufDecoder.Decode(body, m, ref rejections); break;
            case (MetricBatch m, OtlpEncoding.Json): OtlpMetricsJsonDecoder.Decode(body, m, ref rejections); break;
            case (LogBatch l, OtlpEncoding.Protobuf): OtlpLogsProtobufDecoder.Decode(body, l, ref rejections); break;
            case (LogBatch l, OtlpEncoding.Json): OtlpLogsJsonDecoder.Decode(body, l, ref rejections); break;
            case (SpanBatch s, OtlpEncoding.Protobuf): OtlpTracesProtobufDecoder.Decode(body, s, ref rejections); break;
            case (SpanBatch s, OtlpEncoding.Json): OtlpTracesJsonDecoder.Decode(body, s, ref rejections); break;
            default: throw new ArgumentOutOfRangeException(nameof(batch));
        }
    }
}
