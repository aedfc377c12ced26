using System.Text.Json;
using OllyStack.Core.Batches;

namespace OllyStack.Ingest.Otlp;

/// <summary>
/// AnyValue arrays and key-value lists, stored as JSON text (docs/format/batch.md) written with the same
/// <see cref="Utf8JsonWriter"/> calls as <see cref="OtlpProtobufCommon"/> makes, so JSON and protobuf requests
/// store identical text: arrays as arrays, kvlists as objects, bytes as base64, non-finite doubles as strings.
/// Rare in telemetry, so this path allocates its writer, as the protobuf one does.
/// </summary>
internal static class OtlpJsonComposites
{
    public static AnyValue Read(OtlpJsonRequest request, JsonElement composite, AnyValueKind kind, Utf8Heap strings)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            try
            {
                if (kind == AnyValueKind.Array) WriteArray(request, json, composite, 1);
                else WriteMap(request, json, composite, 1);
            }
            catch (ArgumentException e)
            {
                throw request.Malformed(composite, e.Message);
            }
        }
        return new AnyValue(kind, 0, strings.Add(buffer.WrittenSpan));
    }

    private static void WriteArray(OtlpJsonRequest request, Utf8JsonWriter json, JsonElement arrayValue, int depth)
    {
        json.WriteStartArray();
        foreach (var field in request.Fields(arrayValue))
        {
            if (!field.Is("values"u8)) continue;
            foreach (var value in request.Items(field.Value)) WriteValue(request, json, value, depth);
        }
        json.WriteEndArray();
    }

    private static void WriteMap(OtlpJsonRequest request, Utf8JsonWriter json, JsonElement kvlistValue, int depth)
    {
        json.WriteStartObject();
        foreach (var field in request.Fields(kvlistValue))
        {
            if (!field.Is("values"u8)) continue;
            foreach (var keyValue in request.Items(field.Value))
            {
                OtlpJsonCommon.FindKeyValue(request, keyValue, out var key, out var value);
                json.WritePropertyName(request.String(key));
                WriteValue(request, json, value, depth);
            }
        }
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes one AnyValue as one JSON value (null when none of its fields is set). Were several oneof fields
    /// set, the last one counts, as it does for a top-level AnyValue.
    /// </summary>
    private static void WriteValue(OtlpJsonRequest request, Utf8JsonWriter json, JsonElement anyValue, int depth)
    {
        if (anyValue.ValueKind == JsonValueKind.Undefined)
        {
            json.WriteNullValue();
            return;
        }
        if (depth > OtlpProtobufCommon.MaxAnyValueDepth)
            throw request.Malformed(anyValue, $"AnyValue nested deeper than {OtlpProtobufCommon.MaxAnyValueDepth} levels");
        var kind = AnyValueKind.Empty;
        JsonElement value = default;
        foreach (var field in request.Fields(anyValue))
        {
            var fieldKind = OtlpJsonCommon.ValueFieldKind(field);
            if (fieldKind == AnyValueKind.Empty) continue;
            kind = fieldKind;
            value = field.Value;
        }
        switch (kind)
        {
            case AnyValueKind.String: json.WriteStringValue(request.String(value)); break;
            case AnyValueKind.Bool: json.WriteBooleanValue(request.Bool(value)); break;
            case AnyValueKind.Int: json.WriteNumberValue(request.Int64(value)); break;
            case AnyValueKind.Double: WriteDouble(json, request.Double(value)); break;
            case AnyValueKind.Array: WriteArray(request, json, value, depth + 1); break;
            case AnyValueKind.KeyValueList: WriteMap(request, json, value, depth + 1); break;
            case AnyValueKind.Bytes: json.WriteBase64StringValue(request.Base64Bytes(value)); break;
            default: json.WriteNullValue(); break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }
}
