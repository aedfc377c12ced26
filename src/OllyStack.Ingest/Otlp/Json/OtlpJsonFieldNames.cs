using System.Runtime.InteropServices;
using System.Text.Json;

namespace OllyStack.Ingest.Otlp;

/// <summary>
/// Field name matching for OTLP/JSON, where receivers must accept both the lowerCamelCase JSON name
/// (<c>timeUnixNano</c>) and the original proto field name (<c>time_unix_nano</c>).
/// </summary>
internal static class OtlpJsonFieldNames
{
    /// <summary>True if the field is named <paramref name="name"/>, a name that is the same in both spellings.</summary>
    public static bool Is(this JsonProperty field, ReadOnlySpan<byte> name) => field.Is(name, name);

    public static bool Is(this JsonProperty field, ReadOnlySpan<byte> jsonName, ReadOnlySpan<byte> protoName)
    {
        // Names are compared as written; only a name with an escape in it needs System.Text.Json to unescape it.
        var raw = JsonMarshal.GetRawUtf8PropertyName(field);
        if (raw.SequenceEqual(jsonName) || raw.SequenceEqual(protoName)) return true;
        return raw.Contains((byte)'\\') && (field.NameEquals(jsonName) || field.NameEquals(protoName));
    }
}
