using System.Text.Json;
using OllyStack.Core.Batches;
using OllyStack.Storage.Traces;

namespace OllyStack.Query.Traces;

/// <summary>
/// A trace in the shape Jaeger's query service returns: <c>traceID</c>, <c>spans</c> (references, µs times, tags,
/// logs, processID) and <c>processes</c> (<c>p1</c>, <c>p2</c>, ... one per distinct service and resource).
/// </summary>
public static class JaegerTraceJson
{
    private const long NanosPerMicro = 1_000;

    public static void Write(Utf8JsonWriter json, TraceId traceId, IReadOnlyList<SpanRow> spans)
    {
        var processes = new Dictionary<SpanAttribute[], (string Id, string Service)>(SpanAttributesComparer.Instance);
        foreach (var span in spans)
            if (!processes.ContainsKey(span.ResourceAttributes)) processes[span.ResourceAttributes] = ("p" + (processes.Count + 1), span.Service);
        json.WriteStartObject();
        json.WriteString("traceID", traceId.ToString());
        json.WriteStartArray("spans");
        foreach (var span in spans) WriteSpan(json, span, processes[span.ResourceAttributes].Id);
        json.WriteEndArray();
        json.WriteStartObject("processes");
        foreach (var (resource, (id, service)) in processes)
        {
            json.WriteStartObject(id);
            json.WriteString("serviceName", service);
            JaegerTags.WriteList(json, "tags", JaegerTags.OfProcess(resource));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteNull("warnings");
        json.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter json, SpanRow span, string processId)
    {
        json.WriteStartObject();
        json.WriteString("traceID", span.TraceId.ToString());
        json.WriteString("spanID", span.SpanId.ToString());
        json.WriteNumber("flags", span.Flags & 0xFF);
        json.WriteString("operationName", span.Name);
        json.WriteStartArray("references");
        if (!span.ParentSpanId.IsEmpty) WriteReference(json, "CHILD_OF", span.TraceId, span.ParentSpanId);
        foreach (var link in span.Links) WriteReference(json, "FOLLOWS_FROM", link.TraceId, link.SpanId);
        json.WriteEndArray();
        json.WriteNumber("startTime", span.StartUnixNano / NanosPerMicro);
        json.WriteNumber("duration", Math.Max(0, span.DurationNano) / NanosPerMicro);
        JaegerTags.WriteList(json, "tags", JaegerTags.Of(span));
        json.WriteStartArray("logs");
        foreach (var spanEvent in span.Events)
        {
            json.WriteStartObject();
            json.WriteNumber("timestamp", spanEvent.TimeUnixNano / NanosPerMicro);
            JaegerTags.WriteList(json, "fields", LogFields(spanEvent));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("processID", processId);
        json.WriteNull("warnings");
        json.WriteEndObject();
    }

    /// <summary>An event as a Jaeger log: its name as the <c>event</c> field, then its attributes.</summary>
    public static IEnumerable<SpanAttribute> LogFields(SpanEvent spanEvent) => [SpanAttribute.String("event", spanEvent.Name), .. spanEvent.Attributes];

    private static void WriteReference(Utf8JsonWriter json, string type, TraceId traceId, SpanId spanId)
    {
        json.WriteStartObject();
        json.WriteString("refType", type);
        json.WriteString("traceID", traceId.ToString());
        json.WriteString("spanID", spanId.ToString());
        json.WriteEndObject();
    }
}
