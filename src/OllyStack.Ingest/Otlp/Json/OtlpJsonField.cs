using System.Runtime.InteropServices;
using System.Text.Json;

namespace OllyStack.Ingest.Otlp;

/// <summary>
/// One field of an OTLP/JSON message: its name as written and its value. Receivers must accept both the
/// lowerCamelCase JSON name (<c>timeUnixNano</c>) and the original proto field name (<c>time_unix_nano</c>).
/// The name is fetched once, as decoders test it against many candidates.
/// </summary>
internal readonly ref struct OtlpJsonField
{
    private readonly JsonProperty _property;
    private readonly ReadOnlySpan<byte> _rawName;
    private readonly bool _isEscaped;

    public OtlpJsonField(JsonProperty property)
    {
        _property = property;
        _rawName = JsonMarshal.GetRawUtf8PropertyName(property);
        _isEscaped = _rawName.Contains((byte)'\\');
    }

    public JsonElement Value => _property.Value;

    /// <summary>True if the field is named <paramref name="name"/>, a name spelt the same both ways.</summary>
    public bool Is(ReadOnlySpan<byte> name) => _rawName.SequenceEqual(name) || (_isEscaped && _property.NameEquals(name));

    public bool Is(ReadOnlySpan<byte> jsonName, ReadOnlySpan<byte> protoName) => Is(jsonName) || Is(protoName);
}
