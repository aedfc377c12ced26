using System.Text.Json;
using OllyStack.Core.Batches;
using OllyStack.Core.Logs;

namespace OllyStack.Ingest.Otlp;

/// <summary>
/// Decodes an OTLP/JSON ExportLogsServiceRequest (or LogsData) into a <see cref="LogBatch"/>, with the same
/// validation, rejections and batch layout as <see cref="OtlpLogsProtobufDecoder"/>.
/// </summary>
public static class OtlpLogsJsonDecoder
{
    /// <summary>
    /// Appends every valid record to <paramref name="batch"/>; invalid records are counted in the tally.
    /// Throws <see cref="Wire.MalformedPayloadException"/> if the body is not OTLP/JSON.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> json, LogBatch batch, ref RejectionTally rejections)
    {
        using var request = OtlpJsonRequest.Parse(json);
        foreach (var field in request.Fields(request.Root))
        {
            if (!field.Is("resourceLogs"u8, "resource_logs"u8)) continue;
            foreach (var resourceLogs in request.Items(field.Value)) ReadResourceLogs(request, resourceLogs, batch, ref rejections);
        }
    }

    private static void ReadResourceLogs(OtlpJsonRequest request, JsonElement resourceLogs, LogBatch batch, ref RejectionTally rejections)
    {
        var resourceIndex = OtlpJsonCommon.ReadResourceOf(request, resourceLogs, batch);
        foreach (var field in request.Fields(resourceLogs))
        {
            if (!field.Is("scopeLogs"u8, "scope_logs"u8)) continue;
            foreach (var scopeLogs in request.Items(field.Value)) ReadScopeLogs(request, scopeLogs, resourceIndex, batch, ref rejections);
        }
    }

    private static void ReadScopeLogs(OtlpJsonRequest request, JsonElement scopeLogs, int resourceIndex, LogBatch batch, ref RejectionTally rejections)
    {
        var scopeIndex = OtlpJsonCommon.ReadScopeOf(request, scopeLogs, batch);
        foreach (var field in request.Fields(scopeLogs))
        {
            if (!field.Is("logRecords"u8, "log_records"u8)) continue;
            foreach (var record in request.Items(field.Value)) ReadLogRecord(request, record, resourceIndex, scopeIndex, batch, ref rejections);
        }
    }

    private static void ReadLogRecord(OtlpJsonRequest request, JsonElement logRecord, int resourceIndex, int scopeIndex, LogBatch batch, ref RejectionTally rejections)
    {
        var record = new LogRecordFields { Resource = resourceIndex, Scope = scopeIndex };
        var attributeStart = batch.Attributes.Count;
        string? problem = null;
        foreach (var field in request.Fields(logRecord))
        {
            var value = field.Value;
            if (field.Is("timeUnixNano"u8, "time_unix_nano"u8)) record.TimeUnixNano = (long)request.UInt64(value);
            else if (field.Is("observedTimeUnixNano"u8, "observed_time_unix_nano"u8)) record.ObservedTimeUnixNano = (long)request.UInt64(value);
            else if (field.Is("severityNumber"u8, "severity_number"u8)) record.SeverityNumber = OtlpEnums.SeverityNumber(request.Enum(value, OtlpJsonEnum.SeverityNumber), ref problem);
            else if (field.Is("severityText"u8, "severity_text"u8)) record.SeverityText = batch.Strings.Intern(request.String(value));
            else if (field.Is("body"u8)) record.Body = OtlpJsonCommon.ReadAnyValue(request, value, batch.Strings, internStrings: false);
            else if (field.Is("attributes"u8)) OtlpJsonCommon.ReadAttributes(request, value, batch);
            else if (field.Is("droppedAttributesCount"u8, "dropped_attributes_count"u8)) record.DroppedAttributesCount = request.UInt32(value);
            else if (field.Is("flags"u8)) record.Flags = request.UInt32(value);
            else if (field.Is("traceId"u8, "trace_id"u8)) record.TraceId = OtlpIds.OptionalTraceId(request.HexId(value, TraceId.Length), "trace_id", ref problem);
            else if (field.Is("spanId"u8, "span_id"u8)) record.SpanId = OtlpIds.OptionalSpanId(request.HexId(value, SpanId.Length), "span_id", ref problem);
            else if (field.Is("eventName"u8, "event_name"u8)) record.EventName = batch.Strings.Intern(request.String(value));
        }
        if (problem is not null)
        {
            batch.Attributes.Truncate(attributeStart);
            rejections.Reject($"log record rejected: {problem}");
            return;
        }
        record.Attributes = batch.RangeFrom(attributeStart);
        batch.Add(record);
    }
}
