using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Otlp;

/// <summary>
/// One OTLP/JSON request body, parsed, with the typed reads the decoders need. Every read checks the JSON type
/// and throws a <see cref="MalformedPayloadException"/> naming the path of the offending value. Spans it returns
/// (strings, ids, bytes) point into the request or its arena and stay valid until <see cref="Dispose"/>.
/// <c>default(JsonElement)</c> stands for an absent field: it has no fields and reads as an empty string.
/// </summary>
internal sealed partial class OtlpJsonRequest : IDisposable
{
    // Room for OTLP's own nesting (13 levels down to a metric point's attribute value) plus AnyValues nested one
    // level deeper than MaxAnyValueDepth, at three JSON levels each: a value just past the limit meets the AnyValue
    // rule and gets the protobuf decoder's message; anything deeper the parser refuses.
    private const int MaxJsonDepth = 16 + 3 * (OtlpProtobufCommon.MaxAnyValueDepth + 1);

    private readonly byte[] _utf8;
    private readonly int _length;
    private readonly JsonDocument _document;
    private readonly ByteArena _arena = new();

    private OtlpJsonRequest(byte[] utf8, int length, JsonDocument document)
    {
        _utf8 = utf8;
        _length = length;
        _document = document;
    }

    public JsonElement Root => _document.RootElement;

    /// <summary>
    /// Parses <paramref name="json"/>. JsonDocument needs memory it can hold on to, so the body is copied once
    /// into a pooled buffer; the document's own index is pooled too.
    /// </summary>
    public static OtlpJsonRequest Parse(ReadOnlySpan<byte> json)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(json.Length);
        json.CopyTo(utf8);
        try
        {
            var document = JsonDocument.Parse(utf8.AsMemory(0, json.Length), new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            return new OtlpJsonRequest(utf8, json.Length, document);
        }
        catch (JsonException e)
        {
            ArrayPool<byte>.Shared.Return(utf8);
            throw JsonSyntaxErrors.Malformed(json, e);
        }
    }

    /// <summary>The fields of an object, in document order, without those set to null.</summary>
    public OtlpJsonFields Fields(JsonElement message)
    {
        if (message.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined)) throw Expected(message, "an object");
        return new OtlpJsonFields(message);
    }

    /// <summary>The items of a repeated field that is present.</summary>
    public JsonElement.ArrayEnumerator Items(JsonElement repeated)
    {
        if (repeated.ValueKind != JsonValueKind.Array) throw Expected(repeated, "an array");
        return repeated.EnumerateArray();
    }

    /// <summary>A string field, unescaped.</summary>
    public ReadOnlySpan<byte> String(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined) return default;
        if (value.ValueKind != JsonValueKind.String) throw Expected(value, "a string");
        return Unescaped(value);
    }

    public bool Bool(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Expected(value, "true or false"),
    };

    public MalformedPayloadException Malformed(JsonElement at, string problem) =>
        new($"malformed OTLP JSON at {PathOf(at)}: {problem}");

    public void Dispose()
    {
        _document.Dispose();
        _arena.Dispose();
        ArrayPool<byte>.Shared.Return(_utf8);
    }

    private MalformedPayloadException Expected(JsonElement value, string expected) =>
        Malformed(value, $"expected {expected}, found {Describe(value.ValueKind)}");

    private ReadOnlySpan<byte> Unescaped(JsonElement text)
    {
        var quoted = JsonMarshal.GetRawUtf8Value(text);
        var content = quoted[1..^1];
        if (!content.Contains((byte)'\\')) return content;
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        var destination = _arena.Allocate(content.Length);
        try
        {
            return destination[..reader.CopyString(destination)];
        }
        catch (InvalidOperationException e)
        {
            throw Malformed(text, e.Message);
        }
    }

    /// <summary>The value's JSON text for an error message, cut short if long.</summary>
    private static string Excerpt(JsonElement value)
    {
        const int MaxLength = 64;
        var raw = JsonMarshal.GetRawUtf8Value(value);
        return raw.Length <= MaxLength ? Encoding.UTF8.GetString(raw) : Encoding.UTF8.GetString(raw[..MaxLength]) + "...";
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
