using System.Text.Json;
using OllyStack.Core.Batches;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Otlp;

/// <summary>Decodes the OTLP common messages (KeyValue, AnyValue, Resource, InstrumentationScope) into a batch.</summary>
internal static class OtlpProtobufCommon
{
    /// <summary>Nested arrays and maps deeper than this are refused rather than risking the stack.</summary>
    public const int MaxAnyValueDepth = 32;

    /// <summary>
    /// Reads an AnyValue; strings are interned unless <paramref name="internStrings"/> is false (log bodies: mostly
    /// unique, so looking them up would only cost time and table space).
    /// </summary>
    public static AnyValue ReadAnyValue(ReadOnlySpan<byte> data, Utf8Heap strings, bool internStrings = true)
    {
        var reader = new ProtoReader(data, "AnyValue");
        var value = new AnyValue(AnyValueKind.Empty, 0, Utf8Ref.Empty);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    reader.Expect(wire, WireType.LengthDelimited, "string_value");
                    var text = reader.ReadBytes();
                    value = AnyValue.OfString(internStrings ? strings.Intern(text) : strings.Add(text));
                    break;
                case 2: reader.Expect(wire, WireType.Varint, "bool_value"); value = AnyValue.OfBool(reader.ReadBool()); break;
                case 3: reader.Expect(wire, WireType.Varint, "int_value"); value = AnyValue.OfInt(reader.ReadInt64()); break;
                case 4: reader.Expect(wire, WireType.Fixed64, "double_value"); value = AnyValue.OfDouble(reader.ReadDouble()); break;
                case 5: reader.Expect(wire, WireType.LengthDelimited, "array_value"); value = ReadComposite(reader.ReadBytes(), AnyValueKind.Array, strings); break;
                case 6: reader.Expect(wire, WireType.LengthDelimited, "kvlist_value"); value = ReadComposite(reader.ReadBytes(), AnyValueKind.KeyValueList, strings); break;
                case 7: reader.Expect(wire, WireType.LengthDelimited, "bytes_value"); value = new AnyValue(AnyValueKind.Bytes, 0, strings.Add(reader.ReadBytes())); break;
                default: reader.Skip(wire); break;
            }
        }
        return value;
    }

    /// <summary>Reads one KeyValue into the batch's attribute column.</summary>
    public static void ReadAttribute(ReadOnlySpan<byte> data, OtlpBatch batch) => batch.Attributes.Add(ReadKeyValue(data, batch));

    /// <summary>
    /// Reads the attribute at <paramref name="position"/> of a record into the batch, reusing what the previous
    /// record's attribute at that position decoded to when the bytes are the same.
    /// </summary>
    public static void ReadAttribute(ReadOnlySpan<byte> data, int position, OtlpBatch batch, ref PreviousFields<KeyValueRef> previous)
    {
        if (!previous.TryReuse(position, data, out var attribute))
        {
            attribute = ReadKeyValue(data, batch);
            previous.Remember(position, data, attribute);
        }
        batch.Attributes.Add(attribute);
    }

    private static KeyValueRef ReadKeyValue(ReadOnlySpan<byte> data, OtlpBatch batch)
    {
        var reader = new ProtoReader(data, "KeyValue");
        ReadOnlySpan<byte> key = default;
        var value = default(AnyValue);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.Expect(wire, WireType.LengthDelimited, "key"); key = reader.ReadBytes(); break;
                case 2: reader.Expect(wire, WireType.LengthDelimited, "value"); value = ReadAnyValue(reader.ReadBytes(), batch.Strings); break;
                default: reader.Skip(wire); break;
            }
        }
        return new KeyValueRef(batch.Strings.Intern(key), value);
    }

    public static int ReadResource(ReadOnlySpan<byte> data, ReadOnlySpan<byte> schemaUrl, OtlpBatch batch)
    {
        var start = batch.Attributes.Count;
        uint dropped = 0;
        var reader = new ProtoReader(data, "Resource");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.Expect(wire, WireType.LengthDelimited, "attributes"); ReadAttribute(reader.ReadBytes(), batch); break;
                case 2: reader.Expect(wire, WireType.Varint, "dropped_attributes_count"); dropped = reader.ReadUInt32(); break;
                default: reader.Skip(wire); break;
            }
        }
        return batch.Resources.Add(new ResourceRef(batch.RangeFrom(start), dropped, batch.Strings.Intern(schemaUrl)));
    }

    public static int ReadScope(ReadOnlySpan<byte> data, ReadOnlySpan<byte> schemaUrl, OtlpBatch batch)
    {
        var start = batch.Attributes.Count;
        Utf8Ref name = default, version = default;
        uint dropped = 0;
        var reader = new ProtoReader(data, "InstrumentationScope");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.Expect(wire, WireType.LengthDelimited, "name"); name = batch.Strings.Intern(reader.ReadBytes()); break;
                case 2: reader.Expect(wire, WireType.LengthDelimited, "version"); version = batch.Strings.Intern(reader.ReadBytes()); break;
                case 3: reader.Expect(wire, WireType.LengthDelimited, "attributes"); ReadAttribute(reader.ReadBytes(), batch); break;
                case 4: reader.Expect(wire, WireType.Varint, "dropped_attributes_count"); dropped = reader.ReadUInt32(); break;
                default: reader.Skip(wire); break;
            }
        }
        return batch.Scopes.Add(new ScopeRef(name, version, batch.RangeFrom(start), dropped, batch.Strings.Intern(schemaUrl)));
    }

    /// <summary>
    /// Arrays and maps are stored as JSON text (docs/format/batch.md). They are rare in telemetry, so this path
    /// may allocate; the scalar paths above do not.
    /// </summary>
    private static AnyValue ReadComposite(ReadOnlySpan<byte> data, AnyValueKind kind, Utf8Heap strings)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        try
        {
            using var json = new Utf8JsonWriter(buffer);
            if (kind == AnyValueKind.Array) WriteArray(json, data, 1);
            else WriteMap(json, data, 1);
        }
        catch (ArgumentException e)
        {
            throw new MalformedPayloadException($"malformed protobuf in AnyValue: {e.Message}");
        }
        return new AnyValue(kind, 0, strings.Add(buffer.WrittenSpan));
    }

    private static void WriteArray(Utf8JsonWriter json, ReadOnlySpan<byte> data, int depth)
    {
        json.WriteStartArray();
        var reader = new ProtoReader(data, "ArrayValue");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == WireType.LengthDelimited) WriteValue(json, reader.ReadBytes(), depth);
            else reader.Skip(wire);
        }
        json.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter json, ReadOnlySpan<byte> data, int depth)
    {
        json.WriteStartObject();
        var reader = new ProtoReader(data, "KeyValueList");
        while (reader.Next(out var field, out var wire))
        {
            if (field != 1 || wire != WireType.LengthDelimited)
            {
                reader.Skip(wire);
                continue;
            }
            var pair = new ProtoReader(reader.ReadBytes(), "KeyValue");
            ReadOnlySpan<byte> key = default, value = default;
            while (pair.Next(out var f, out var w))
            {
                if (f == 1 && w == WireType.LengthDelimited) key = pair.ReadBytes();
                else if (f == 2 && w == WireType.LengthDelimited) value = pair.ReadBytes();
                else pair.Skip(w);
            }
            json.WritePropertyName(key);
            WriteValue(json, value, depth);
        }
        json.WriteEndObject();
    }

    // A oneof that arrives twice keeps its last value, as protobuf parsers do (and as ReadAnyValue does).
    private static void WriteValue(Utf8JsonWriter json, ReadOnlySpan<byte> data, int depth)
    {
        var reader = new ProtoReader(data, "AnyValue");
        if (depth > MaxAnyValueDepth) throw reader.Malformed($"AnyValue nested deeper than {MaxAnyValueDepth} levels");
        var field = 0;
        var wire = WireType.Varint;
        ReadOnlySpan<byte> payload = default;
        ulong scalar = 0;
        while (reader.Next(out var f, out var w))
        {
            if (f is < 1 or > 7) { reader.Skip(w); continue; }
            (field, wire) = (f, w);
            if (w == WireType.LengthDelimited) payload = reader.ReadBytes();
            else if (w == WireType.Varint) scalar = reader.ReadVarint();
            else if (w == WireType.Fixed64) scalar = reader.ReadFixed64();
            else reader.Skip(w);
        }
        switch (field, wire)
        {
            case (1, WireType.LengthDelimited): json.WriteStringValue(payload); break;
            case (2, WireType.Varint): json.WriteBooleanValue(scalar != 0); break;
            case (3, WireType.Varint): json.WriteNumberValue((long)scalar); break;
            case (4, WireType.Fixed64): WriteDouble(json, BitConverter.UInt64BitsToDouble(scalar)); break;
            case (5, WireType.LengthDelimited): WriteArray(json, payload, depth + 1); break;
            case (6, WireType.LengthDelimited): WriteMap(json, payload, depth + 1); break;
            case (7, WireType.LengthDelimited): json.WriteBase64StringValue(payload); break;
            case (0, _): json.WriteNullValue(); break;
            default: throw reader.Malformed($"AnyValue field {field} has wire type {(int)wire}");
        }
    }

    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }
}
