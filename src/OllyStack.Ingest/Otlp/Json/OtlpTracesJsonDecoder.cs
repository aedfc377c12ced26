using System.Text.Json;
using OllyStack.Core.Batches;
using OllyStack.Core.Traces;

namespace OllyStack.Ingest.Otlp;

/// <summary>
/// Decodes an OTLP/JSON ExportTraceServiceRequest (or TracesData) into a <see cref="SpanBatch"/>, with the same
/// validation, rejections and batch layout as <see cref="OtlpTracesProtobufDecoder"/>.
/// </summary>
public static class OtlpTracesJsonDecoder
{
    /// <summary>
    /// Appends every valid span to <paramref name="batch"/>; invalid spans are counted in the tally.
    /// Throws <see cref="Wire.MalformedPayloadException"/> if the body is not OTLP/JSON.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> json, SpanBatch batch, ref RejectionTally rejections)
    {
        using var request = OtlpJsonRequest.Parse(json);
        foreach (var field in request.Fields(request.Root))
        {
            if (!field.Is("resourceSpans"u8, "resource_spans"u8)) continue;
            foreach (var resourceSpans in request.Items(field.Value)) ReadResourceSpans(request, resourceSpans, batch, ref rejections);
        }
    }

    private static void ReadResourceSpans(OtlpJsonRequest request, JsonElement resourceSpans, SpanBatch batch, ref RejectionTally rejections)
    {
        var resourceIndex = OtlpJsonCommon.ReadResourceOf(request, resourceSpans, batch);
        foreach (var field in request.Fields(resourceSpans))
        {
            if (!field.Is("scopeSpans"u8, "scope_spans"u8)) continue;
            foreach (var scopeSpans in request.Items(field.Value)) ReadScopeSpans(request, scopeSpans, resourceIndex, batch, ref rejections);
        }
    }

    private static void ReadScopeSpans(OtlpJsonRequest request, JsonElement scopeSpans, int resourceIndex, SpanBatch batch, ref RejectionTally rejections)
    {
        var scopeIndex = OtlpJsonCommon.ReadScopeOf(request, scopeSpans, batch);
        foreach (var field in request.Fields(scopeSpans))
        {
            if (!field.Is("spans"u8)) continue;
            foreach (var span in request.Items(field.Value)) ReadSpan(request, span, resourceIndex, scopeIndex, batch, ref rejections);
        }
    }

    // Two passes (fields, then events and links) keep each run of attributes contiguous whatever the field order.
    private static void ReadSpan(OtlpJsonRequest request, JsonElement json, int resourceIndex, int scopeIndex, SpanBatch batch, ref RejectionTally rejections)
    {
        var attributeStart = batch.Attributes.Count;
        var eventStart = batch.Events.Count;
        var linkStart = batch.Links.Count;
        var span = new SpanFields { Resource = resourceIndex, Scope = scopeIndex };
        string? problem = null;
        ReadSpanFields(request, json, ref span, batch, ref problem);
        span.Attributes = batch.RangeFrom(attributeStart);
        if (problem is null) ReadEventsAndLinks(request, json, batch, ref problem);
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

    // An id given as "" is absent, as an empty bytes field never reaches the protobuf wire.
    private static void ReadSpanFields(OtlpJsonRequest request, JsonElement json, ref SpanFields span, SpanBatch batch, ref string? problem)
    {
        var hasTraceId = false;
        var hasSpanId = false;
        foreach (var field in request.Fields(json))
        {
            var value = field.Value;
            if (field.Is("traceId"u8, "trace_id"u8))
            {
                var id = request.HexId(value, TraceId.Length);
                if (id.IsEmpty) continue;
                span.TraceId = OtlpIds.RequiredTraceId(id, "trace_id", ref problem);
                hasTraceId = true;
            }
            else if (field.Is("spanId"u8, "span_id"u8))
            {
                var id = request.HexId(value, SpanId.Length);
                if (id.IsEmpty) continue;
                span.SpanId = OtlpIds.RequiredSpanId(id, "span_id", ref problem);
                hasSpanId = true;
            }
            else if (field.Is("traceState"u8, "trace_state"u8)) span.TraceState = batch.Strings.Intern(request.String(value));
            else if (field.Is("parentSpanId"u8, "parent_span_id"u8)) span.ParentSpanId = OtlpIds.OptionalSpanId(request.HexId(value, SpanId.Length), "parent_span_id", ref problem);
            else if (field.Is("flags"u8)) span.Flags = request.UInt32(value);
            else if (field.Is("name"u8)) span.Name = batch.Strings.Intern(request.String(value));
            else if (field.Is("kind"u8)) span.Kind = OtlpEnums.SpanKind(request.Enum(value, OtlpJsonEnum.SpanKind), ref problem);
            else if (field.Is("startTimeUnixNano"u8, "start_time_unix_nano"u8)) span.StartTimeUnixNano = (long)request.UInt64(value);
            else if (field.Is("endTimeUnixNano"u8, "end_time_unix_nano"u8)) span.EndTimeUnixNano = (long)request.UInt64(value);
            else if (field.Is("attributes"u8)) OtlpJsonCommon.ReadAttributes(request, value, batch);
            else if (field.Is("droppedAttributesCount"u8, "dropped_attributes_count"u8)) span.DroppedAttributesCount = request.UInt32(value);
            else if (field.Is("droppedEventsCount"u8, "dropped_events_count"u8)) span.DroppedEventsCount = request.UInt32(value);
            else if (field.Is("droppedLinksCount"u8, "dropped_links_count"u8)) span.DroppedLinksCount = request.UInt32(value);
            else if (field.Is("status"u8)) ReadStatus(request, value, ref span, batch, ref problem);
        }
        if (!hasTraceId) problem ??= "trace_id is missing";
        if (!hasSpanId) problem ??= "span_id is missing";
    }

    private static void ReadEventsAndLinks(OtlpJsonRequest request, JsonElement json, SpanBatch batch, ref string? problem)
    {
        foreach (var field in request.Fields(json))
        {
            if (field.Is("events"u8))
                foreach (var spanEvent in request.Items(field.Value)) ReadEvent(request, spanEvent, batch);
            else if (field.Is("links"u8))
                foreach (var link in request.Items(field.Value)) ReadLink(request, link, batch, ref problem);
        }
    }

    private static void ReadEvent(OtlpJsonRequest request, JsonElement json, SpanBatch batch)
    {
        var start = batch.Attributes.Count;
        long time = 0;
        Utf8Ref name = default;
        uint dropped = 0;
        foreach (var field in request.Fields(json))
        {
            var value = field.Value;
            if (field.Is("timeUnixNano"u8, "time_unix_nano"u8)) time = (long)request.UInt64(value);
            else if (field.Is("name"u8)) name = batch.Strings.Intern(request.String(value));
            else if (field.Is("attributes"u8)) OtlpJsonCommon.ReadAttributes(request, value, batch);
            else if (field.Is("droppedAttributesCount"u8, "dropped_attributes_count"u8)) dropped = request.UInt32(value);
        }
        batch.Events.Add(new SpanEventRef(time, name, batch.RangeFrom(start), dropped));
    }

    private static void ReadLink(OtlpJsonRequest request, JsonElement json, SpanBatch batch, ref string? problem)
    {
        var start = batch.Attributes.Count;
        TraceId traceId = default;
        SpanId spanId = default;
        Utf8Ref traceState = default;
        uint dropped = 0, flags = 0;
        foreach (var field in request.Fields(json))
        {
            var value = field.Value;
            if (field.Is("traceId"u8, "trace_id"u8))
            {
                var id = request.HexId(value, TraceId.Length);
                if (!id.IsEmpty) traceId = OtlpIds.RequiredTraceId(id, "link trace_id", ref problem);
            }
            else if (field.Is("spanId"u8, "span_id"u8))
            {
                var id = request.HexId(value, SpanId.Length);
                if (!id.IsEmpty) spanId = OtlpIds.RequiredSpanId(id, "link span_id", ref problem);
            }
            else if (field.Is("traceState"u8, "trace_state"u8)) traceState = batch.Strings.Intern(request.String(value));
            else if (field.Is("attributes"u8)) OtlpJsonCommon.ReadAttributes(request, value, batch);
            else if (field.Is("droppedAttributesCount"u8, "dropped_attributes_count"u8)) dropped = request.UInt32(value);
            else if (field.Is("flags"u8)) flags = request.UInt32(value);
        }
        batch.Links.Add(new SpanLinkRef(traceId, spanId, traceState, batch.RangeFrom(start), dropped, flags));
    }

    private static void ReadStatus(OtlpJsonRequest request, JsonElement json, ref SpanFields span, SpanBatch batch, ref string? problem)
    {
        foreach (var field in request.Fields(json))
        {
            if (field.Is("message"u8)) span.StatusMessage = batch.Strings.Intern(request.String(field.Value));
            else if (field.Is("code"u8)) span.StatusCode = OtlpEnums.StatusCode(request.Enum(field.Value, OtlpJsonEnum.StatusCode), ref problem);
        }
    }
}
