using System.Text;
using OllyStack.Core.Logs;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;
using OllyStack.Ingest.Otlp;

namespace OllyStack.Ingest.Tests;

/// <summary>Runs the OTLP/JSON decoders on hand-written request text.</summary>
internal static class OtlpJsonDecoding
{
    public static LogBatch DecodeLogs(string json) => DecodeLogs(json, out _);

    public static LogBatch DecodeLogs(string json, out RejectionTally rejections)
    {
        var batch = new LogBatch();
        rejections = new RejectionTally();
        OtlpLogsJsonDecoder.Decode(Encoding.UTF8.GetBytes(json), batch, ref rejections);
        return batch;
    }

    public static SpanBatch DecodeSpans(string json) => DecodeSpans(json, out _);

    public static SpanBatch DecodeSpans(string json, out RejectionTally rejections)
    {
        var batch = new SpanBatch();
        rejections = new RejectionTally();
        OtlpTracesJsonDecoder.Decode(Encoding.UTF8.GetBytes(json), batch, ref rejections);
        return batch;
    }

    public static MetricBatch DecodeMetrics(string json) => DecodeMetrics(json, out _);

    public static MetricBatch DecodeMetrics(string json, out RejectionTally rejections)
    {
        var batch = new MetricBatch();
        rejections = new RejectionTally();
        OtlpMetricsJsonDecoder.Decode(Encoding.UTF8.GetBytes(json), batch, ref rejections);
        return batch;
    }

    /// <summary>A one-record logs request around <paramref name="logRecord"/>, a JSON object's text.</summary>
    public static string LogRecordRequest(string logRecord) =>
        $$$"""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{{{logRecord}}}]}]}]}""";

    /// <summary>A spans request with the given spans, each a JSON object's text.</summary>
    public static string SpanRequest(params string[] spans) =>
        $$$"""{"resourceSpans":[{"scopeSpans":[{"spans":[{{{string.Join(",", spans)}}}]}]}]}""";

    /// <summary>A metrics request with one metric, a JSON object's text, under the resource of service "checkout".</summary>
    public static string MetricRequest(string metric) =>
        $$$"""{"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},"scopeMetrics":[{"metrics":[{{{metric}}}]}]}]}""";
}
