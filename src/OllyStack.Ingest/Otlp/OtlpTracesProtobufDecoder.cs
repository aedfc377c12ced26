using OllyStack.Core.Batches;
using OllyStack.Core.Traces;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Otlp;

/// <summary>Decodes an ExportTraceServiceRequest (or TracesData) into a <see cref="SpanBatch"/>.</summary>
public static class OtlpTracesProtobufDecoder
{
    public static void Decode(ReadOnlySpan<byte> request, SpanBatch batch, ref RejectionTally rejections)
    {
        const int capacity = PreviousFields<KeyValueRef>.Capacity;
        var previous = new PreviousFields<KeyValueRef>(request, stackalloc int[capacity], stackalloc int[capacity], stackalloc KeyValueRef[capacity]);
        var reader = new ProtoReader(request, "ExportTraceServiceRequest");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1)
            {
                reader.Expect(wire, WireType.LengthDelimited, "resource_spans");
                ReadResourceSpans(reader.ReadBytes(), batch, ref rejections, ref previous);
            }
            else reader.Skip(wire);
        }
    }

    private static void ReadResourceSpans(ReadOnlySpan<byte> data, SpanBatch batch, ref RejectionTally rejections, ref PreviousFields<KeyValueRef> previous)
    {
        ReadOnlySpan<byte> resource = default, schemaUrl = default;
        var scan = new ProtoReader(data, "ResourceSpans");
        while (scan.Next(out var field, out var wire))
        {
            if (field == 1) { scan.Expect(wire, WireType.LengthDelimited, "resource"); resource = scan.ReadBytes(); }
            else if (field == 3) { scan.Expect(wire, WireType.LengthDelimited, "schema_url"); schemaUrl = scan.ReadBytes(); }
            else scan.Skip(wire);
        }
        var resourceIndex = OtlpProtobufCommon.ReadResource(resource, schemaUrl, batch);
        var reader = new ProtoReader(data, "ResourceSpans");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 2)
            {
                reader.Expect(wire, WireType.LengthDelimited, "scope_spans");
                ReadScopeSpans(reader.ReadBytes(), resourceIndex, batch, ref rejections, ref previous);
            }
            else reader.Skip(wire);
        }
    }

    private static void ReadScopeSpans(ReadOnlySpan<byte> data, int resourceIndex, SpanBatch batch, ref RejectionTally rejections, ref PreviousFields<KeyValueRef> previous)
    {
        ReadOnlySpan<byte> scope = default, schemaUrl = default;
        var scan = new ProtoReader(data, "ScopeSpans");
        while (scan.Next(out var field, out var wire))
        {
            if (field == 1) { scan.Expect(wire, WireType.LengthDelimited, "scope"); scope = scan.ReadBytes(); }
            else if (field == 3) { scan.Expect(wire, WireType.LengthDelimited, "schema_url"); schemaUrl = scan.ReadBytes(); }
            else scan.Skip(wire);
        }
        var scopeIndex = OtlpProtobufCommon.ReadScope(scope, schemaUrl, batch);
        var reader = new ProtoReader(data, "ScopeSpans");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 2)
            {
                reader.Expect(wire, WireType.LengthDelimited, "spans");
                ReadSpan(reader.ReadBytes(), resourceIndex, scopeIndex, batch, ref rejections, ref previous);
            }
            else reader.Skip(wire);
        }
    }

    // Three passes (fields, events, links) keep each run of attributes contiguous whatever the field order.
    private static void ReadSpan(ReadOnlySpan<byte> data, int resourceIndex, int scopeIndex, SpanBatch batch, ref RejectionTally rejections, ref PreviousFields<KeyValueRef> previous)
    {
        var attributeStart = batch.Attributes.Count;
        var eventStart = batch.Events.Count;
        var linkStart = batch.Links.Count;
        var span = new SpanFields { Resource = resourceIndex, Scope = scopeIndex };
        string? problem = null;
        var hasTraceId = false;
        var hasSpanId = false;
        var position = 0;
        var reader = new ProtoReader(data, "Span");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.Expect(wire, WireType.LengthDelimited, "trace_id"); span.TraceId = OtlpIds.RequiredTraceId(reader.ReadBytes(), "trace_id", ref problem); hasTraceId = true; break;
                case 2: reader.Expect(wire, WireType.LengthDelimited, "span_id"); span.SpanId = OtlpIds.RequiredSpanId(reader.ReadBytes(), "span_id", ref problem); hasSpanId = true; break;
                case 3: reader.Expect(wire, WireType.LengthDelimited, "trace_state"); span.TraceState = batch.Strings.Intern(reader.ReadBytes()); break;
                case 4: reader.Expect(wire, WireType.LengthDelimited, "parent_span_id"); span.ParentSpanId = OtlpIds.OptionalSpanId(reader.ReadBytes(), "parent_span_id", ref problem); break;
                case 16: reader.Expect(wire, WireType.Fixed32, "flags"); span.Flags = reader.ReadFixed32(); break;
                case 5: reader.Expect(wire, WireType.LengthDelimited, "name"); span.Name = batch.Strings.Intern(reader.ReadBytes()); break;
                case 6: reader.Expect(wire, WireType.Varint, "kind"); span.Kind = OtlpEnums.SpanKind(reader.ReadVarint(), ref problem); break;
                case 7: reader.Expect(wire, WireType.Fixed64, "start_time_unix_nano"); span.StartTimeUnixNano = (long)reader.ReadFixed64(); break;
                case 8: reader.Expect(wire, WireType.Fixed64, "end_time_unix_nano"); span.EndTimeUnixNano = (long)reader.ReadFixed64(); break;
                case 9: reader.Expect(wire, WireType.LengthDelimited, "attributes"); OtlpProtobufCommon.ReadAttribute(reader.ReadBytes(), position++, batch, ref previous); break;
                case 10: reader.Expect(wire, WireType.Varint, "dropped_attributes_count"); span.DroppedAttributesCount = reader.ReadUInt32(); break;
                case 12: reader.Expect(wire, WireType.Varint, "dropped_events_count"); span.DroppedEventsCount = reader.ReadUInt32(); break;
                case 14: reader.Expect(wire, WireType.Varint, "dropped_links_count"); span.DroppedLinksCount = reader.ReadUInt32(); break;
                case 15: reader.Expect(wire, WireType.LengthDelimited, "status"); ReadStatus(reader.ReadBytes(), ref span, batch, ref problem); break;
                default: reader.Skip(wire); break;
            }
        }
        if (!hasTraceId) problem ??= "trace_id is missing";
        if (!hasSpanId) problem ??= "span_id is missing";
        span.Attributes = batch.RangeFrom(attributeStart);
        if (problem is null) ReadChildren(data, batch, ref problem);
        if (problem is not null)
        {
            batch.Attributes.Truncate(attributeStart);
            batch.Events.Truncate(eventStart);
            batch.Links.Truncate(linkStart);
            rejections.Reject($"span rejected: {problem}");
            return;
        }
        span.Events = new ItemRange(eventStart, batch.Events.Count - eventStart);
        span.Links = new ItemRange(linkStart, batch.Links.Count - linkStart);
        batch.Add(span);
    }

    private static void ReadChildren(ReadOnlySpan<byte> data, SpanBatch batch, ref string? problem)
    {
        var reader = new ProtoReader(data, "Span");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 11 && wire == WireType.LengthDelimited) ReadEvent(reader.ReadBytes(), batch);
            else if (field == 13 && wire == WireType.LengthDelimited) ReadLink(reader.ReadBytes(), batch, ref problem);
            else reader.Skip(wire);
        }
    }

    private static void ReadEvent(ReadOnlySpan<byte> data, SpanBatch batch)
    {
        var start = batch.Attributes.Count;
        long time = 0;
        Utf8Ref name = default;
        uint dropped = 0;
        var reader = new ProtoReader(data, "Span.Event");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.Expect(wire, WireType.Fixed64, "time_unix_nano"); time = (long)reader.ReadFixed64(); break;
                case 2: reader.Expect(wire, WireType.LengthDelimited, "name"); name = batch.Strings.Intern(reader.ReadBytes()); break;
                case 3: reader.Expect(wire, WireType.LengthDelimited, "attributes"); OtlpProtobufCommon.ReadAttribute(reader.ReadBytes(), batch); break;
                case 4: reader.Expect(wire, WireType.Varint, "dropped_attributes_count"); dropped = reader.ReadUInt32(); break;
                default: reader.Skip(wire); break;
            }
        }
        batch.Events.Add(new SpanEventRef(time, name, batch.RangeFrom(start), dropped));
    }

    private static void ReadLink(ReadOnlySpan<byte> data, SpanBatch batch, ref string? problem)
    {
        var start = batch.Attributes.Count;
        TraceId traceId = default;
        SpanId spanId = default;
        Utf8Ref traceState = default;
        uint dropped = 0, flags = 0;
        var reader = new ProtoReader(data, "Span.Link");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.Expect(wire, WireType.LengthDelimited, "trace_id"); traceId = OtlpIds.RequiredTraceId(reader.ReadBytes(), "link trace_id", ref problem); break;
                case 2: reader.Expect(wire, WireType.LengthDelimited, "span_id"); spanId = OtlpIds.RequiredSpanId(reader.ReadBytes(), "link span_id", ref problem); break;
                case 3: reader.Expect(wire, WireType.LengthDelimited, "trace_state"); traceState = batch.Strings.Intern(reader.ReadBytes()); break;
                case 4: reader.Expect(wire, WireType.LengthDelimited, "attributes"); OtlpProtobufCommon.ReadAttribute(reader.ReadBytes(), batch); break;
                case 5: reader.Expect(wire, WireType.Varint, "dropped_attributes_count"); dropped = reader.ReadUInt32(); break;
                case 6: reader.Expect(wire, WireType.Fixed32, "flags"); flags = reader.ReadFixed32(); break;
                default: reader.Skip(wire); break;
            }
        }
        batch.Links.Add(new SpanLinkRef(traceId, spanId, traceState, batch.RangeFrom(start), dropped, flags));
    }

    private static void ReadStatus(ReadOnlySpan<byte> data, ref SpanFields span, SpanBatch batch, ref string? problem)
    {
        var reader = new ProtoReader(data, "Status");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 2: reader.Expect(wire, WireType.LengthDelimited, "message"); span.StatusMessage = batch.Strings.Intern(reader.ReadBytes()); break;
                case 3:
                    reader.Expect(wire, WireType.Varint, "code");
                    span.StatusCode = OtlpEnums.StatusCode(reader.ReadVarint(), ref problem);
                    break;
                default: reader.Skip(wire); break;
            }
        }
    }
}
