using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace OllyStack.Ingest.Tests;

/// <summary>
/// Formats a generated OTLP message as OTLP/JSON with Google.Protobuf's <see cref="JsonFormatter"/>. The formatter
/// writes bytes as base64, which OTLP/JSON forbids for trace and span ids, so those are rewritten as hex.
/// </summary>
internal static class OtlpJsonFormat
{
    // Deep enough for the AnyValue nesting-limit tests, which go past System.Text.Json's default of 64.
    private const int MaxDepth = 256;
    private static readonly HashSet<string> IdFields = ["traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id"];

    public static byte[] Format(IMessage message, bool protoFieldNames = false, bool enumsAsIntegers = false)
    {
        var settings = JsonFormatter.Settings.Default
            .WithPreserveProtoFieldNames(protoFieldNames)
            .WithFormatEnumsAsIntegers(enumsAsIntegers);
        var json = JsonNode.Parse(new JsonFormatter(settings).Format(message), documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth })!;
        RewriteIdsAsHex(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { MaxDepth = MaxDepth }));
    }

    private static void RewriteIdsAsHex(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array) RewriteIdsAsHex(item);
        }
        else if (node is JsonObject message)
        {
            foreach (var name in message.Select(field => field.Key).ToList())
            {
                if (IdFields.Contains(name))
                    message[name] = Convert.ToHexStringLower(Convert.FromBase64String(message[name]!.GetValue<string>()));
                else
                    RewriteIdsAsHex(message[name]);
            }
        }
    }
}
