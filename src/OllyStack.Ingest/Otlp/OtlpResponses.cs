using Google.Protobuf;
using OllyStack.Core.Batches;
using OllyStack.Ingest.Otlp.Collector.Logs;
using OllyStack.Ingest.Otlp.Collector.Metrics;
using OllyStack.Ingest.Otlp.Collector.Trace;

namespace OllyStack.Ingest.Otlp;

/// <summary>The Export*ServiceResponse messages, with partial_success set only when something was rejected (as the spec asks).</summary>
public static class OtlpResponses
{
    public static IMessage Export(Signal signal, long rejected, string? message)
    {
        var partial = rejected > 0;
        return signal switch
        {
            Signal.Metrics => partial
                ? new ExportMetricsServiceResponse { PartialSuccess = new ExportMetricsPartialSuccess { RejectedDataPoints = rejected, ErrorMessage = message ?? "" } }
                : new ExportMetricsServiceResponse(),
            Signal.Logs => partial
                ? new ExportLogsServiceResponse { PartialSuccess = new ExportLogsPartialSuccess { RejectedLogRecords = rejected, ErrorMessage = message ?? "" } }
                : new ExportLogsServiceResponse(),
            _ => partial
                ? new ExportTraceServiceResponse { PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = rejected, ErrorMessage = message ?? "" } }
                : new ExportTraceServiceResponse(),
        };
    }

    public static byte[] Encode(IMessage message, OtlpEncoding encoding) => encoding == OtlpEncoding.Json
        ? System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(message))
        : message.ToByteArray();
}
