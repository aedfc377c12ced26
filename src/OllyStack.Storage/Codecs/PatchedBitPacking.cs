using System.Buffers.Binary;
using System.Numerics;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// Every value stored in the same number of bits W, except the few that need more: their positions and high bits
/// (value &gt;&gt; W) come first as a list of exceptions ("patched frame of reference"). W = 0 with a handful of
/// exceptions stores a mostly-zero sequence, such as the deltas of delta of a scrape with a few missed intervals, in a
/// few bytes. Layout (docs/format/sample-block.md, "Bit-packed residuals"):
/// varint exception count X; X times (varint position gap, varint high bits); ceil(count * W / 8) bytes of low bits.
/// </summary>
internal static class PatchedBitPacking
{
    /// <summary>
    /// The widest packing; wider values are exceptions. Keeps the width in six bits of the stream header, and 63- or
    /// 64-bit residuals only come from blocks that raw encodings store as cheaply.
    /// </summary>
    public const int MaxWidth = 62;

    /// <summary>The width that makes <paramref name="values"/> smallest and the exact size of that encoding.</summary>
    public static int Measure(ReadOnlySpan<ulong> values, out int width)
    {
        Span<int> countByLength = stackalloc int[65];
        foreach (var value in values) countByLength[64 - BitOperations.LeadingZeroCount(value)]++;
        width = CheapestWidth(countByLength, values.Length);
        return ExactSize(values, width);
    }

    public static int Write(ReadOnlySpan<ulong> values, int width, Span<byte> destination)
    {
        var exceptionCount = 0;
        foreach (var value in values)
            if (value >> width != 0) exceptionCount++;

        var written = Varint.Write(destination, (ulong)exceptionCount);
        var previous = -1;
        for (var i = 0; i < values.Length && exceptionCount > 0; i++)
        {
            var high = values[i] >> width;
            if (high == 0) continue;
            written += Varint.Write(destination[written..], (ulong)(i - previous - 1));
            written += Varint.Write(destination[written..], high);
            previous = i;
        }

        var writer = new BitWriter(destination[written..]);
        var mask = LowBitsMask(width);
        foreach (var value in values) writer.Write(value & mask, width);
        return written + writer.Finish();
    }

    /// <summary>Reads <paramref name="destination"/>.Length values of width <paramref name="width"/>; returns the rest.</summary>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> source, int width, Span<ulong> destination)
    {
        var count = destination.Length;
        source = Varint.ReadBounded(source, count, "exception count", out var exceptionCount);
        if (width > MaxWidth) throw new InvalidDataException($"bit-packing width {width} exceeds {MaxWidth}");
        var exceptions = source;
        for (var i = 0; i < exceptionCount; i++)
        {
            source = Varint.Read(source, out _);
            source = Varint.Read(source, out _);
        }
        var exceptionBytes = exceptions.Length - source.Length;

        var packedBytes = (int)(((long)count * width + 7) >> 3);
        if (packedBytes > source.Length) throw new InvalidDataException("bit-packed residuals end early");
        Unpack(source[..packedBytes], width, destination);

        var position = -1L;
        exceptions = exceptions[..exceptionBytes];
        for (var i = 0; i < exceptionCount; i++)
        {
            exceptions = Varint.Read(exceptions, out var gap);
            exceptions = Varint.Read(exceptions, out var high);
            position += (long)Math.Min(gap, (ulong)count) + 1;
            if (position >= count) throw new InvalidDataException("residual exception position out of range");
            destination[(int)position] |= high << width;
        }
        return source[packedBytes..];
    }

    /// <summary>
    /// Unpacks with one unaligned 8-byte load per value while eight bytes remain (enough for any width up to 56 at any
    /// bit offset), then through <see cref="BitReader"/>.
    /// </summary>
    private static void Unpack(ReadOnlySpan<byte> packed, int width, Span<ulong> destination)
    {
        if (width == 0)
        {
            destination.Clear();
            return;
        }
        var mask = LowBitsMask(width);
        var i = 0;
        if (width <= 56)
        {
            long bit = 0;
            for (; i < destination.Length; i++, bit += width)
            {
                var offset = (int)(bit >> 3);
                if (packed.Length - offset < sizeof(ulong)) break;
                destination[i] = (BinaryPrimitives.ReadUInt64LittleEndian(packed[offset..]) >> (int)(bit & 7)) & mask;
            }
        }
        if (i == destination.Length) return;
        var tailBit = (long)i * width;
        var reader = new BitReader(packed[(int)(tailBit >> 3)..]);
        reader.Read((int)(tailBit & 7));
        for (; i < destination.Length; i++) destination[i] = reader.Read(width);
    }

    private static ulong LowBitsMask(int width) => (1UL << width) - 1;

    /// <summary>
    /// Picks the width from how many values need each bit length, estimating an exception's position gap from the
    /// average spacing of the exceptions; <see cref="ExactSize"/> then prices the choice exactly.
    /// </summary>
    private static int CheapestWidth(ReadOnlySpan<int> countByLength, int count)
    {
        var longest = 64;
        while (longest > 0 && countByLength[longest] == 0) longest--;
        var best = 0;
        var bestCost = long.MaxValue;
        for (var width = 0; width <= Math.Min(longest, MaxWidth); width++)
        {
            long exceptions = 0, highBytes = 0;
            for (var length = width + 1; length <= longest; length++)
            {
                exceptions += countByLength[length];
                highBytes += (long)countByLength[length] * ((length - width + 6) / 7);
            }
            var gapBytes = exceptions == 0 ? 0 : exceptions * Varint.Length((ulong)(count / exceptions));
            var cost = (((long)count * width + 7) >> 3) + Varint.Length((ulong)exceptions) + gapBytes + highBytes;
            if (cost < bestCost)
            {
                best = width;
                bestCost = cost;
            }
        }
        return best;
    }

    private static int ExactSize(ReadOnlySpan<ulong> values, int width)
    {
        var exceptions = 0;
        long exceptionBytes = 0;
        var previous = -1;
        for (var i = 0; i < values.Length; i++)
        {
            var high = values[i] >> width;
            if (high == 0) continue;
            exceptions++;
            exceptionBytes += Varint.Length((ulong)(i - previous - 1)) + Varint.Length(high);
            previous = i;
        }
        return (int)(Varint.Length((ulong)exceptions) + exceptionBytes + (((long)values.Length * width + 7) >> 3));
    }
}
