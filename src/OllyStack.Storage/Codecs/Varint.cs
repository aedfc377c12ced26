using System.Numerics;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// Unsigned LEB128: seven bits a byte, least significant group first, high bit set on every byte but the last.
/// At most ten bytes for a 64-bit value.
/// </summary>
internal static class Varint
{
    public const int MaxLength = 10;

    public static int Length(ulong value) => value < 0x80 ? 1 : (64 - BitOperations.LeadingZeroCount(value) + 6) / 7;

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    public static int WriteSigned(Span<byte> destination, long value) => Write(destination, ZigZag.Encode(value));

    /// <summary>Reads one value; returns the input after it.</summary>
    /// <exception cref="InvalidDataException">The input ends inside the value, or the value does not fit 64 bits.</exception>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> source, out ulong value)
    {
        ulong result = 0;
        for (var i = 0; i < source.Length && i < MaxLength; i++)
        {
            ulong b = source[i];
            if (i == MaxLength - 1 && b > 1) throw new InvalidDataException("varint does not fit 64 bits");
            result |= (b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                value = result;
                return source[(i + 1)..];
            }
        }
        throw new InvalidDataException(source.Length < MaxLength ? "truncated varint" : "varint longer than 10 bytes");
    }

    public static ReadOnlySpan<byte> ReadSigned(ReadOnlySpan<byte> source, out long value)
    {
        var rest = Read(source, out var raw);
        value = ZigZag.Decode(raw);
        return rest;
    }

    /// <summary>Reads a value that must not exceed <paramref name="max"/>, as a count or length the caller will index with.</summary>
    public static ReadOnlySpan<byte> ReadBounded(ReadOnlySpan<byte> source, int max, string what, out int value)
    {
        var rest = Read(source, out var raw);
        if (raw > (ulong)max) throw new InvalidDataException($"{what} {raw} exceeds {max}");
        value = (int)raw;
        return rest;
    }
}
