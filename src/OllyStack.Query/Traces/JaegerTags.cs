using System.Globalization;
using System.Text.Json;
using OllyStack.Core.Batches;
using OllyStack.Storage.Traces;

namespace OllyStack.Query.Traces;

/// <summary>
/// A span's tags as Jaeger shows spans that came in over OTLP: its attributes, then <c>otel.scope.name</c> and
/// <c>otel.scope.version</c>, <c>span.kind</c>, <c>otel.status_code</c>, <c>otel.status_description</c> and
/// <c>error</c> for failed spans (OpenTelemetry's mapping to Jaeger); each written as <c>{key, type, value}</c>.
/// </summary>
public static class JaegerTags
{
    private const byte StatusOk = 1;
    private const byte StatusError = 2;

    public static List<SpanAttribute> Of(SpanRow span)
    {
        var tags = new List<SpanAttribute>(span.Attributes.Length + 6);
        tags.AddRange(span.Attributes);
        if (span.ScopeName.Length > 0) tags.Add(SpanAttribute.String("otel.scope.name", span.ScopeName));
        if (span.ScopeVersion.Length > 0) tags.Add(SpanAttribute.String("otel.scope.version", span.ScopeVersion));
        if (SpanKinds.Name(span.Kind) is { Length: > 0 } kind) tags.Add(SpanAttribute.String("span.kind", kind));
        if (span.StatusCode == StatusOk) tags.Add(SpanAttribute.String("otel.status_code", "OK"));
        if (span.StatusCode == StatusError)
        {
            tags.Add(SpanAttribute.String("otel.status_code", "ERROR"));
            if (span.StatusMessage.Length > 0) tags.Add(SpanAttribute.String("otel.status_description", span.StatusMessage));
            tags.Add(new SpanAttribute("error", AnyValueKind.Bool, "true"));
        }
        return tags;
    }

    /// <summary>The process tags of a span's resource: its attributes but <c>service.name</c>, which is the process' serviceName.</summary>
    public static IEnumerable<SpanAttribute> OfProcess(SpanAttribute[] resource) => resource.Where(a => a.Key != TracesStorageWriter.ServiceNameKey);

    public static void WriteList(Utf8JsonWriter json, string name, IEnumerable<SpanAttribute> tags)
    {
        json.WriteStartArray(name);
        foreach (var tag in tags) Write(json, tag);
        json.WriteEndArray();
    }

    /// <summary>Jaeger's typed tag: ints as int64 numbers, doubles as float64, booleans as bool, bytes as base64 binary, the rest as strings.</summary>
    public static void Write(Utf8JsonWriter json, SpanAttribute tag)
    {
        json.WriteStartObject();
        json.WriteString("key", tag.Key);
        switch (tag.Kind)
        {
            case AnyValueKind.Bool:
                json.WriteString("type", "bool");
                json.WriteBoolean("value", tag.Value == "true");
                break;
            case AnyValueKind.Int when long.TryParse(tag.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer):
                json.WriteString("type", "int64");
                json.WriteNumber("value", integer);
                break;
            case AnyValueKind.Double when double.TryParse(tag.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                json.WriteString("type", "float64");
                json.WriteNumber("value", number);
                break;
            case AnyValueKind.Bytes:
                json.WriteString("type", "binary");
                json.WriteString("value", tag.Value);
                break;
            default:
                json.WriteString("type", "string");
                json.WriteString("value", tag.Value);
                break;
        }
        json.WriteEndObject();
    }
}
