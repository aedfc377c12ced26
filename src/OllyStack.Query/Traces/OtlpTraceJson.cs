using System.Globalization;
using System.Text.Json;
using OllyStack.Core.Batches;
using OllyStack.Storage.Traces;

namespace OllyStack.Query.Traces;

/// <summary>
/// A trace as OTLP/JSON (<c>{"resourceSpans": [...]}</c>, the OTLP specification's JSON mapping): spans grouped by
/// resource, then by scope; ids as lower-case hex, 64-bit integers (times, int values) as decimal strings, enums
/// (kind, status code) as their numbers.
/// </summary>
public static class OtlpTraceJson
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<SpanRow> spans)
    {
        json.WriteStartObject();
        json.WriteStartArray("resourceSpans");
        foreach (var resource in spans.GroupBy(s => s.ResourceAttributes, SpanAttributesComparer.Instance))
        {
            json.WriteStartObject();
            json.WriteStartObject("resource");
            WriteAttributes(json, resource.Key);
            json.WriteEndObject();
            json.WriteStartArray("scopeSpans");
            foreach (var scope in resource.GroupBy(s => (s.ScopeName, s.ScopeVersion)))
            {
                json.WriteStartObject();
                json.WriteStartObject("scope");
                json.WriteString("name", scope.Key.ScopeName);
                json.WriteString("version", scope.Key.ScopeVersion);
                json.WriteEndObject();
                json.WriteStartArray("spans");
                foreach (var span in scope) WriteSpan(json, span);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter json, SpanRow span)
    {
        json.WriteStartObject();
        json.WriteString("traceId", span.TraceId.ToString());
        json.WriteString("spanId", span.SpanId.ToString());
        if (!span.ParentSpanId.IsEmpty) json.WriteString("parentSpanId", span.ParentSpanId.ToString());
        json.WriteNumber("flags", span.Flags);
        json.WriteString("name", span.Name);
        json.WriteNumber("kind", span.Kind);
        json.WriteString("startTimeUnixNano", Nanos(span.StartUnixNano));
        json.WriteString("endTimeUnixNano", Nanos(span.EndUnixNano));
        WriteAttributes(json, span.Attributes);
        json.WriteStartArray("events");
        foreach (var spanEvent in span.Events)
        {
            json.WriteStartObject();
            json.WriteString("timeUnixNano", Nanos(spanEvent.TimeUnixNano));
            json.WriteString("name", spanEvent.Name);
            WriteAttributes(json, spanEvent.Attributes);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("links");
        foreach (var link in span.Links)
        {
            json.WriteStartObject();
            json.WriteString("traceId", link.TraceId.ToString());
            json.WriteString("spanId", link.SpanId.ToString());
            WriteAttributes(json, link.Attributes);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("status");
        if (span.StatusMessage.Length > 0) json.WriteString("message", span.StatusMessage);
        json.WriteNumber("code", span.StatusCode);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Nanos(long unixNano) => ((ulong)unixNano).ToString(CultureInfo.InvariantCulture);

    private static void WriteAttributes(Utf8JsonWriter json, SpanAttribute[] attributes)
    {
        json.WriteStartArray("attributes");
        foreach (var attribute in attributes)
        {
            json.WriteStartObject();
            json.WriteString("key", attribute.Key);
            json.WritePropertyName("value");
            WriteValue(json, attribute);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>An AnyValue from its stored kind and text; arrays and key-value lists from the JSON they are stored as.</summary>
    private static void WriteValue(Utf8JsonWriter json, SpanAttribute attribute)
    {
        json.WriteStartObject();
        switch (attribute.Kind)
        {
            case AnyValueKind.String: json.WriteString("stringValue", attribute.Value); break;
            case AnyValueKind.Bool: json.WriteBoolean("boolValue", attribute.Value == "true"); break;
            case AnyValueKind.Int: json.WriteString("intValue", attribute.Value); break;
            case AnyValueKind.Double: WriteDouble(json, attribute.Value); break;
            case AnyValueKind.Bytes: json.WriteString("bytesValue", attribute.Value); break;
            case AnyValueKind.Array or AnyValueKind.KeyValueList:
                using (var document = JsonDocument.Parse(attribute.Value)) WriteComposite(json, document.RootElement);
                break;
        }
        json.WriteEndObject();
    }

    /// <summary>Proto3 JSON: finite doubles as numbers, NaN and infinities as the strings "NaN", "Infinity", "-Infinity".</summary>
    private static void WriteDouble(Utf8JsonWriter json, string text)
    {
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsFinite(value)) json.WriteNumber("doubleValue", value);
        else json.WriteString("doubleValue", double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    /// <summary>The fields of an AnyValue for one element of the stored JSON (the object around them is the caller's).</summary>
    private static void WriteComposite(Utf8JsonWriter json, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String: json.WriteString("stringValue", element.GetString()); break;
            case JsonValueKind.True or JsonValueKind.False: json.WriteBoolean("boolValue", element.GetBoolean()); break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer): json.WriteString("intValue", integer.ToString(CultureInfo.InvariantCulture)); break;
            case JsonValueKind.Number: json.WriteNumber("doubleValue", element.GetDouble()); break;
            case JsonValueKind.Array:
                json.WriteStartObject("arrayValue");
                json.WriteStartArray("values");
                foreach (var item in element.EnumerateArray())
                {
                    json.WriteStartObject();
                    WriteComposite(json, item);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
                break;
            case JsonValueKind.Object:
                json.WriteStartObject("kvlistValue");
                json.WriteStartArray("values");
                foreach (var property in element.EnumerateObject())
                {
                    json.WriteStartObject();
                    json.WriteString("key", property.Name);
                    json.WriteStartObject("value");
                    WriteComposite(json, property.Value);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
                break;
        }
    }
}
