using System.Text.Json;

namespace OllyStack.Ingest.Otlp;

/// <summary>
/// The fields of a JSON object in document order, leaving out those set to null (absent, in OTLP/JSON).
/// A struct enumerator, so iterating allocates nothing.
/// </summary>
internal struct OtlpJsonFields
{
    private JsonElement.ObjectEnumerator _properties;
    private readonly bool _isPresent;

    /// <summary>Enumerates <paramref name="message"/>, an object or <c>default</c> (an absent message: no fields).</summary>
    public OtlpJsonFields(JsonElement message)
    {
        _isPresent = message.ValueKind == JsonValueKind.Object;
        _properties = _isPresent ? message.EnumerateObject() : default;
    }

    public readonly OtlpJsonField Current => new(_properties.Current);

    public readonly OtlpJsonFields GetEnumerator() => this;

    public bool MoveNext()
    {
        if (!_isPresent) return false;
        while (_properties.MoveNext())
            if (_properties.Current.Value.ValueKind != JsonValueKind.Null) return true;
        return false;
    }
}
