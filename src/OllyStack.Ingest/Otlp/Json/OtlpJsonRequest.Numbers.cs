using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace OllyStack.Ingest.Otlp;

// Numeric fields. ProtoJSON writes 64-bit integers as strings (JavaScript numbers lose precision past 2^53) and
// accepts numbers too; every integer type takes both, as well as exponent or fraction forms of a whole value.
internal sealed partial class OtlpJsonRequest
{
    private const NumberStyles JsonNumberStyles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>A fixed64 or uint64 field.</summary>
    public ulong UInt64(JsonElement value)
    {
        var text = NumberText(value);
        if (Utf8Parser.TryParse(text, out ulong result, out var consumed) && consumed == text.Length) return result;
        if (TryWholeDecimal(text, out var whole) && whole >= ulong.MinValue && whole <= ulong.MaxValue) return (ulong)whole;
        throw Malformed(value, $"{Excerpt(value)} is not an unsigned 64-bit integer");
    }

    /// <summary>An int64 or sfixed64 field.</summary>
    public long Int64(JsonElement value)
    {
        if (TryInt64(NumberText(value), out var result)) return result;
        throw Malformed(value, $"{Excerpt(value)} is not a 64-bit integer");
    }

    /// <summary>A uint32 or fixed32 field.</summary>
    public uint UInt32(JsonElement value)
    {
        if (TryInt64(NumberText(value), out var result) && result is >= uint.MinValue and <= uint.MaxValue) return (uint)result;
        throw Malformed(value, $"{Excerpt(value)} is not an unsigned 32-bit integer");
    }

    /// <summary>An int32 or sint32 field.</summary>
    public int Int32(JsonElement value)
    {
        if (TryInt64(NumberText(value), out var result) && result is >= int.MinValue and <= int.MaxValue) return (int)result;
        throw Malformed(value, $"{Excerpt(value)} is not a 32-bit integer");
    }

    /// <summary>A double field: a number, or a string holding a number, "NaN", "Infinity" or "-Infinity".</summary>
    public double Double(JsonElement value)
    {
        if (double.TryParse(NumberText(value), JsonNumberStyles, CultureInfo.InvariantCulture, out var result)) return result;
        throw Malformed(value, $"{Excerpt(value)} is not a double");
    }

    /// <summary>
    /// An enum field: its number or, for leniency, its value name ("SPAN_KIND_SERVER"). The result is the varint
    /// a protobuf sender would have written (a negative int32 sign-extended), so the protobuf decoders' range
    /// checks and messages apply unchanged.
    /// </summary>
    public ulong Enum(JsonElement value, OtlpJsonEnum type)
    {
        if (value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String)) throw Expected(value, $"a {type.Name} number or name");
        if (value.ValueKind == JsonValueKind.String && type.TryGetValue(Unescaped(value), out var named)) return (ulong)(long)named;
        if (TryInt64(NumberText(value), out var number) && number is >= int.MinValue and <= int.MaxValue) return (ulong)number;
        throw Malformed(value, $"{Excerpt(value)} is not a {type.Name} number or name");
    }

    private ReadOnlySpan<byte> NumberText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => JsonMarshal.GetRawUtf8Value(value),
        JsonValueKind.String => Unescaped(value),
        _ => throw Expected(value, "a number or a numeric string"),
    };

    private static bool TryInt64(ReadOnlySpan<byte> text, out long value)
    {
        if (Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length) return true;
        if (TryWholeDecimal(text, out var whole) && whole >= long.MinValue && whole <= long.MaxValue)
        {
            value = (long)whole;
            return true;
        }
        value = 0;
        return false;
    }

    // decimal holds every 64-bit integer exactly, so "1.7e18" or "5.0" convert without rounding.
    private static bool TryWholeDecimal(ReadOnlySpan<byte> text, out decimal value) =>
        decimal.TryParse(text, JsonNumberStyles, CultureInfo.InvariantCulture, out value) && decimal.Truncate(value) == value;
}
