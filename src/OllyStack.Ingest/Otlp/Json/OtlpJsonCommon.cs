using System.Text.Json;
using OllyStack.Core.Batches;

namespace OllyStack.Ingest.Otlp;

/// <summary>
/// Decodes the OTLP common messages (KeyValue, AnyValue, Resource, InstrumentationScope) from JSON into a batch,
/// in the same order as <see cref="OtlpProtobufCommon"/> so the two encodings fill the string heap alike.
/// </summary>
internal static class OtlpJsonCommon
{
    /// <summary>Reads an AnyValue; strings are interned unless <paramref name="internStrings"/> is false (log bodies), as in protobuf.</summary>
    public static AnyValue ReadAnyValue(OtlpJsonRequest request, JsonElement anyValue, Utf8Heap strings, bool internStrings = true)
    {
        var value = new AnyValue(AnyValueKind.Empty, 0, Utf8Ref.Empty);
        foreach (var field in request.Fields(anyValue))
        {
            var json = field.Value;
            switch (ValueFieldKind(field))
            {
                case AnyValueKind.String:
                    var text = request.String(json);
                    value = AnyValue.OfString(internStrings ? strings.Intern(text) : strings.Add(text));
                    break;
                case AnyValueKind.Bool: value = AnyValue.OfBool(request.Bool(json)); break;
                case AnyValueKind.Int: value = AnyValue.OfInt(request.Int64(json)); break;
                case AnyValueKind.Double: value = AnyValue.OfDouble(request.Double(json)); break;
                case AnyValueKind.Array: value = OtlpJsonComposites.Read(request, json, AnyValueKind.Array, strings); break;
                case AnyValueKind.KeyValueList: value = OtlpJsonComposites.Read(request, json, AnyValueKind.KeyValueList, strings); break;
                case AnyValueKind.Bytes: value = new AnyValue(AnyValueKind.Bytes, 0, strings.Add(request.Base64Bytes(json))); break;
            }
        }
        return value;
    }

    /// <summary>Which of AnyValue's oneof fields <paramref name="field"/> is; <see cref="AnyValueKind.Empty"/> for any other field.</summary>
    public static AnyValueKind ValueFieldKind(OtlpJsonField field)
    {
        if (field.Is("stringValue"u8, "string_value"u8)) return AnyValueKind.String;
        if (field.Is("intValue"u8, "int_value"u8)) return AnyValueKind.Int;
        if (field.Is("doubleValue"u8, "double_value"u8)) return AnyValueKind.Double;
        if (field.Is("boolValue"u8, "bool_value"u8)) return AnyValueKind.Bool;
        if (field.Is("arrayValue"u8, "array_value"u8)) return AnyValueKind.Array;
        if (field.Is("kvlistValue"u8, "kvlist_value"u8)) return AnyValueKind.KeyValueList;
        if (field.Is("bytesValue"u8, "bytes_value"u8)) return AnyValueKind.Bytes;
        return AnyValueKind.Empty;
    }

    /// <summary>Finds the parts of a KeyValue; either may come back <c>default</c> (absent).</summary>
    public static void FindKeyValue(OtlpJsonRequest request, JsonElement keyValue, out JsonElement key, out JsonElement value)
    {
        key = value = default;
        foreach (var field in request.Fields(keyValue))
        {
            if (field.Is("key"u8)) key = field.Value;
            else if (field.Is("value"u8)) value = field.Value;
        }
    }

    /// <summary>Reads a repeated KeyValue field into the batch's attribute column, in order.</summary>
    public static void ReadAttributes(OtlpJsonRequest request, JsonElement keyValues, OtlpBatch batch)
    {
        foreach (var keyValue in request.Items(keyValues))
        {
            FindKeyValue(request, keyValue, out var key, out var value);
            // The value is stored before the key, as the protobuf decoder does.
            var anyValue = value.ValueKind == JsonValueKind.Undefined ? default : ReadAnyValue(request, value, batch.Strings);
            batch.AddAttribute(request.String(key), anyValue);
        }
    }

    /// <summary>Reads the <c>resource</c> and <c>schemaUrl</c> of a ResourceLogs or ResourceSpans; returns the resource's index.</summary>
    public static int ReadResourceOf(OtlpJsonRequest request, JsonElement resourceSignal, OtlpBatch batch)
    {
        JsonElement resource = default, schemaUrl = default;
        foreach (var field in request.Fields(resourceSignal))
        {
            if (field.Is("resource"u8)) resource = field.Value;
            else if (field.Is("schemaUrl"u8, "schema_url"u8)) schemaUrl = field.Value;
        }
        var start = batch.Attributes.Count;
        uint dropped = 0;
        foreach (var field in request.Fields(resource))
        {
            if (field.Is("attributes"u8)) ReadAttributes(request, field.Value, batch);
            else if (field.Is("droppedAttributesCount"u8, "dropped_attributes_count"u8)) dropped = request.UInt32(field.Value);
        }
        return batch.Resources.Add(new ResourceRef(batch.RangeFrom(start), dropped, batch.Strings.Intern(request.String(schemaUrl))));
    }

    /// <summary>Reads the <c>scope</c> and <c>schemaUrl</c> of a ScopeLogs or ScopeSpans; returns the scope's index.</summary>
    public static int ReadScopeOf(OtlpJsonRequest request, JsonElement scopeSignal, OtlpBatch batch)
    {
        JsonElement scope = default, schemaUrl = default;
        foreach (var field in request.Fields(scopeSignal))
        {
            if (field.Is("scope"u8)) scope = field.Value;
            else if (field.Is("schemaUrl"u8, "schema_url"u8)) schemaUrl = field.Value;
        }
        var start = batch.Attributes.Count;
        Utf8Ref name = default, version = default;
        uint dropped = 0;
        foreach (var field in request.Fields(scope))
        {
            if (field.Is("name"u8)) name = batch.Strings.Intern(request.String(field.Value));
            else if (field.Is("version"u8)) version = batch.Strings.Intern(request.String(field.Value));
            else if (field.Is("attributes"u8)) ReadAttributes(request, field.Value, batch);
            else if (field.Is("droppedAttributesCount"u8, "dropped_attributes_count"u8)) dropped = request.UInt32(field.Value);
        }
        return batch.Scopes.Add(new ScopeRef(name, version, batch.RangeFrom(start), dropped, batch.Strings.Intern(request.String(schemaUrl))));
    }
}
