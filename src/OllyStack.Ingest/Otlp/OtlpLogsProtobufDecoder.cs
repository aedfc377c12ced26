using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Otlp;

/// <summary>Decodes an ExportLogsServiceRequest (or LogsData: same field 1) into a <see cref="LogBatch"/>.</summary>
public static class OtlpLogsProtobufDecoder
{
    /// <summary>Appends every valid record to <paramref name="batch"/>; invalid records are counted in the tally.</summary>
    public static void Decode(ReadOnlySpan<byte> request, LogBatch batch, ref RejectionTally rejections)
    {
        const int capacity = PreviousFields<KeyValueRef>.Capacity;
        var previous = new PreviousFields<KeyValueRef>(request, stackalloc int[capacity], stackalloc int[capacity], stackalloc KeyValueRef[capacity]);
        var reader = new ProtoReader(request, "ExportLogsServiceRequest");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1)
            {
                reader.Expect(wire, WireType.LengthDelimited, "resource_logs");
                ReadResourceLogs(reader.ReadBytes(), batch, ref rejections, ref previous);
            }
            else reader.Skip(wire);
        }
    }

    private static void ReadResourceLogs(ReadOnlySpan<byte> data, LogBatch batch, ref RejectionTally rejections, ref PreviousFields<KeyValueRef> previous)
    {
        // The resource may follow its scopes on the wire; find it first so records can point at it.
        ReadOnlySpan<byte> resource = default, schemaUrl = default;
        var scan = new ProtoReader(data, "ResourceLogs");
        while (scan.Next(out var field, out var wire))
        {
            if (field == 1) { scan.Expect(wire, WireType.LengthDelimited, "resource"); resource = scan.ReadBytes(); }
            else if (field == 3) { scan.Expect(wire, WireType.LengthDelimited, "schema_url"); schemaUrl = scan.ReadBytes(); }
            else scan.Skip(wire);
        }
        var resourceIndex = OtlpProtobufCommon.ReadResource(resource, schemaUrl, batch);
        var reader = new ProtoReader(data, "ResourceLogs");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 2)
            {
                reader.Expect(wire, WireType.LengthDelimited, "scope_logs");
                ReadScopeLogs(reader.ReadBytes(), resourceIndex, batch, ref rejections, ref previous);
            }
            else reader.Skip(wire);
        }
    }

    private static void ReadScopeLogs(ReadOnlySpan<byte> data, int resourceIndex, LogBatch batch, ref RejectionTally rejections, ref PreviousFields<KeyValueRef> previous)
    {
        ReadOnlySpan<byte> scope = default, schemaUrl = default;
        var scan = new ProtoReader(data, "ScopeLogs");
        while (scan.Next(out var field, out var wire))
        {
            if (field == 1) { scan.Expect(wire, WireType.LengthDelimited, "scope"); scope = scan.ReadBytes(); }
            else if (field == 3) { scan.Expect(wire, WireType.LengthDelimited, "schema_url"); schemaUrl = scan.ReadBytes(); }
            else scan.Skip(wire);
        }
        var scopeIndex = OtlpProtobufCommon.ReadScope(scope, schemaUrl, batch);
        var reader = new ProtoReader(data, "ScopeLogs");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 2)
            {
                reader.Expect(wire, WireType.LengthDelimited, "log_records");
                ReadLogRecord(reader.ReadBytes(), resourceIndex, scopeIndex, batch, ref rejections, ref previous);
            }
            else reader.Skip(wire);
        }
    }

    private static void ReadLogRecord(ReadOnlySpan<byte> data, int resourceIndex, int scopeIndex, LogBatch batch, ref RejectionTally rejections, ref PreviousFields<KeyValueRef> previous)
    {
        var record = new LogRecordFields { Resource = resourceIndex, Scope = scopeIndex };
        var attributeStart = batch.Attributes.Count;
        string? problem = null;
        var position = 0;
        var reader = new ProtoReader(data, "LogRecord");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.Expect(wire, WireType.Fixed64, "time_unix_nano"); record.TimeUnixNano = (long)reader.ReadFixed64(); break;
                case 11: reader.Expect(wire, WireType.Fixed64, "observed_time_unix_nano"); record.ObservedTimeUnixNano = (long)reader.ReadFixed64(); break;
                case 2: reader.Expect(wire, WireType.Varint, "severity_number"); record.SeverityNumber = OtlpEnums.SeverityNumber(reader.ReadVarint(), ref problem); break;
                case 3: reader.Expect(wire, WireType.LengthDelimited, "severity_text"); record.SeverityText = batch.Strings.Intern(reader.ReadBytes()); break;
                case 5: reader.Expect(wire, WireType.LengthDelimited, "body"); record.Body = OtlpProtobufCommon.ReadAnyValue(reader.ReadBytes(), batch.Strings, internStrings: false); break;
                case 6: reader.Expect(wire, WireType.LengthDelimited, "attributes"); OtlpProtobufCommon.ReadAttribute(reader.ReadBytes(), position++, batch, ref previous); break;
                case 7: reader.Expect(wire, WireType.Varint, "dropped_attributes_count"); record.DroppedAttributesCount = reader.ReadUInt32(); break;
                case 8: reader.Expect(wire, WireType.Fixed32, "flags"); record.Flags = reader.ReadFixed32(); break;
                case 9: reader.Expect(wire, WireType.LengthDelimited, "trace_id"); record.TraceId = OtlpIds.OptionalTraceId(reader.ReadBytes(), "trace_id", ref problem); break;
                case 10: reader.Expect(wire, WireType.LengthDelimited, "span_id"); record.SpanId = OtlpIds.OptionalSpanId(reader.ReadBytes(), "span_id", ref problem); break;
                case 12: reader.Expect(wire, WireType.LengthDelimited, "event_name"); record.EventName = batch.Strings.Intern(reader.ReadBytes()); break;
                default: reader.Skip(wire); break;
            }
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
