using System.Numerics;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// Gorilla's float compression (Pelkonen et al., VLDB 2015, section 4.1.2): the first value's 64 bits, then for each
/// value its XOR with the previous one: a 0 bit when equal; else 1, then either 0 and the meaningful bits in the
/// previous value's window when they fit in it, or 1, five bits of leading zeros (at most 31), six bits of meaningful
/// length (64 stored as 0) and the meaningful bits. Bits go least significant first (<see cref="BitWriter"/>), so a
/// control pair "1 then 0" is the two-bit value 0b01.
/// </summary>
internal static class GorillaXor
{
    private const int MaxLeadingZeros = 31;

    public static int Measure(ReadOnlySpan<double> values)
    {
        var counter = new BitCounter();
        Encode(values, ref counter);
        return counter.Bytes;
    }

    public static int Write(ReadOnlySpan<double> values, Span<byte> destination)
    {
        var writer = new BitWriter(destination);
        Encode(values, ref writer);
        return writer.Finish();
    }

    /// <summary>Fills <paramref name="destination"/>; returns the rest of the input.</summary>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> source, Span<double> destination)
    {
        var reader = new BitReader(source);
        var previous = reader.Read(64);
        destination[0] = BitConverter.UInt64BitsToDouble(previous);
        int leading = -1, trailing = 0, meaningful = 0;
        for (var i = 1; i < destination.Length; i++)
        {
            if (reader.Read(1) != 0)
            {
                if (reader.Read(1) != 0)
                {
                    leading = (int)reader.Read(5);
                    meaningful = (int)reader.Read(6);
                    if (meaningful == 0) meaningful = 64;
                    trailing = 64 - leading - meaningful;
                    if (trailing < 0) throw new InvalidDataException("XOR window wider than 64 bits");
                }
                else if (leading < 0)
                {
                    throw new InvalidDataException("XOR value reuses a window before any was set");
                }
                previous ^= reader.Read(meaningful) << trailing;
            }
            destination[i] = BitConverter.UInt64BitsToDouble(previous);
        }
        return reader.Rest;
    }

    private static void Encode<TSink>(ReadOnlySpan<double> values, ref TSink sink) where TSink : IBitSink, allows ref struct
    {
        var previous = BitConverter.DoubleToUInt64Bits(values[0]);
        sink.Write(previous, 64);
        int windowLeading = -1, windowTrailing = 0;
        for (var i = 1; i < values.Length; i++)
        {
            var current = BitConverter.DoubleToUInt64Bits(values[i]);
            var xor = current ^ previous;
            previous = current;
            if (xor == 0)
            {
                sink.Write(0, 1);
                continue;
            }
            var leading = Math.Min(BitOperations.LeadingZeroCount(xor), MaxLeadingZeros);
            var trailing = BitOperations.TrailingZeroCount(xor);
            if (windowLeading >= 0 && leading >= windowLeading && trailing >= windowTrailing)
            {
                sink.Write(0b01, 2);
                sink.Write(xor >> windowTrailing, 64 - windowLeading - windowTrailing);
                continue;
            }
            var meaningful = 64 - leading - trailing;
            sink.Write(0b11 | (ulong)leading << 2 | (ulong)(meaningful & 63) << 7, 13);
            sink.Write(xor >> trailing, meaningful);
            windowLeading = leading;
            windowTrailing = trailing;
        }
    }
}
