using System.Text;

namespace OllyStack.Ingest.Loki;

/// <summary>
/// The escapes of a double-quoted label value, as Prometheus and Loki print label sets (Go string literal rules):
/// <c>\a \b \f \n \r \t \v \\ \"</c>, <c>\xHH</c> and three-digit octal for raw bytes, <c>\uHHHH</c> and
/// <c>\UHHHHHHHH</c> for code points. No escape decodes to more bytes than it spells, so a destination as long as
/// the quoted text always suffices.
/// </summary>
internal static class LabelValueEscapes
{
    /// <summary>
    /// Decodes <paramref name="quoted"/> (the text between the quotes) into <paramref name="destination"/>; returns the
    /// bytes written, or -1 with <paramref name="problem"/> naming the bad escape.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> quoted, Span<byte> destination, out string? problem)
    {
        problem = null;
        var written = 0;
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] != (byte)'\\')
            {
                destination[written++] = quoted[i];
                continue;
            }
            if (++i == quoted.Length) return Fail("a backslash ends the value", out problem);
            var consumed = DecodeEscape(quoted[i..], destination[written..], out var length, out problem);
            if (consumed < 0) return -1;
            i += consumed - 1;
            written += length;
        }
        return written;
    }

    /// <summary>Decodes the escape whose letter starts <paramref name="escape"/>; returns the bytes of input it took, or -1.</summary>
    private static int DecodeEscape(ReadOnlySpan<byte> escape, Span<byte> destination, out int length, out string? problem)
    {
        problem = null;
        length = 1;
        switch (escape[0])
        {
            case (byte)'a': destination[0] = 0x07; return 1;
            case (byte)'b': destination[0] = 0x08; return 1;
            case (byte)'f': destination[0] = 0x0c; return 1;
            case (byte)'n': destination[0] = (byte)'\n'; return 1;
            case (byte)'r': destination[0] = (byte)'\r'; return 1;
            case (byte)'t': destination[0] = (byte)'\t'; return 1;
            case (byte)'v': destination[0] = 0x0b; return 1;
            case (byte)'\\' or (byte)'"': destination[0] = escape[0]; return 1;
            case (byte)'x': return RawByte(escape, 16, 2, destination, out problem);
            case >= (byte)'0' and <= (byte)'7': return RawByte(escape, 8, 3, destination, out problem);
            case (byte)'u': return CodePoint(escape, 4, destination, out length, out problem);
            case (byte)'U': return CodePoint(escape, 8, destination, out length, out problem);
            default: return Fail($"unknown escape \\{(char)escape[0]}", out problem);
        }
    }

    private static int RawByte(ReadOnlySpan<byte> escape, int radix, int digits, Span<byte> destination, out string? problem)
    {
        // Octal escapes have no letter: their first digit is part of the number.
        var start = radix == 8 ? 0 : 1;
        if (!TryNumber(escape, start, digits, radix, out var value) || value > 0xFF)
            return Fail(radix == 8 ? "\\ followed by a digit must be three octal digits up to \\377" : "\\x must be followed by two hex digits", out problem);
        destination[0] = (byte)value;
        problem = null;
        return start + digits;
    }

    private static int CodePoint(ReadOnlySpan<byte> escape, int digits, Span<byte> destination, out int length, out string? problem)
    {
        length = 0;
        if (!TryNumber(escape, 1, digits, 16, out var value))
            return Fail($"\\{(char)escape[0]} must be followed by {digits} hex digits", out problem);
        if (!Rune.TryCreate(value, out var rune))
            return Fail($"\\{(char)escape[0]}{value:X} is not a Unicode scalar value", out problem);
        length = rune.EncodeToUtf8(destination);
        problem = null;
        return 1 + digits;
    }

    private static bool TryNumber(ReadOnlySpan<byte> text, int start, int digits, int radix, out uint value)
    {
        value = 0;
        if (text.Length < start + digits) return false;
        foreach (var c in text.Slice(start, digits))
        {
            var digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => radix,
            };
            if (digit >= radix) return false;
            value = value * (uint)radix + (uint)digit;
        }
        return true;
    }

    private static int Fail(string message, out string? problem)
    {
        problem = message;
        return -1;
    }
}
