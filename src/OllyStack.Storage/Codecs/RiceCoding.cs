using System.Numerics;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// Golomb-Rice codes with parameter k per partition of <see cref="PartitionSize"/> values: a value u is its quotient
/// q = u &gt;&gt; k in unary (q zero bits, then a one bit) followed by its low k bits. For residuals that are mostly
/// small with a long tail, the zigzagged noise of a gauge, this comes within a fraction of a bit of the entropy of a
/// geometric distribution, about a bit a value less than a fixed width; a partition's own k follows the noise level as
/// it changes over a block. A quotient of <see cref="EscapeQuotient"/> or more is escaped: that many zero bits, six
/// bits of (bit length - 1), then the value's bits below its leading one. Layout: docs/format/sample-block.md,
/// "Rice-coded residuals".
/// </summary>
internal static class RiceCoding
{
    public const int PartitionSize = 128;
    public const int EscapeQuotient = 16;
    private const int ParameterBits = 6;
    private const int LengthBits = 6;

    public static int Measure(ReadOnlySpan<ulong> values)
    {
        long bits = 0;
        for (var start = 0; start < values.Length; start += PartitionSize)
        {
            CheapestParameter(values[start..Math.Min(values.Length, start + PartitionSize)], out var partitionBits);
            bits += ParameterBits + partitionBits;
        }
        return (int)((bits + 7) >> 3);
    }

    public static int Write(ReadOnlySpan<ulong> values, Span<byte> destination)
    {
        var writer = new BitWriter(destination);
        Encode(values, ref writer);
        return writer.Finish();
    }

    /// <summary>Reads <paramref name="destination"/>.Length values; returns the rest of the input.</summary>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> source, Span<ulong> destination)
    {
        var reader = new BitReader(source);
        for (var start = 0; start < destination.Length; start += PartitionSize)
        {
            var partition = destination[start..Math.Min(destination.Length, start + PartitionSize)];
            var k = (int)reader.Read(ParameterBits);
            var i = 0;
            while (i < partition.Length)
            {
                // Runs of plain codes go fast; what stops a run (an escape, the stream's end) is read one at a time.
                i += reader.ReadRiceRun(k, EscapeQuotient, partition[i..]);
                if (i < partition.Length) partition[i++] = reader.TryReadRice(k, EscapeQuotient, out var value) ? value : ReadValue(ref reader, k);
            }
        }
        return reader.Rest;
    }

    private static ulong ReadValue(ref BitReader reader, int k)
    {
        var quotient = reader.ReadUnary(EscapeQuotient);
        if (quotient < EscapeQuotient) return ((ulong)quotient << k) | reader.Read(k);
        var belowLeadingOne = (int)reader.Read(LengthBits);
        return (1UL << belowLeadingOne) | reader.Read(belowLeadingOne);
    }

    private static void Encode(ReadOnlySpan<ulong> values, ref BitWriter sink)
    {
        for (var start = 0; start < values.Length; start += PartitionSize)
        {
            var partition = values[start..Math.Min(values.Length, start + PartitionSize)];
            var k = CheapestParameter(partition, out _);
            sink.Write((ulong)k, ParameterBits);
            foreach (var value in partition) WriteValue(ref sink, value, k);
        }
    }

    private static void WriteValue(ref BitWriter sink, ulong value, int k)
    {
        var quotient = value >> k;
        if (quotient < EscapeQuotient)
        {
            var low = k == 0 ? 0 : value & (ulong.MaxValue >> (64 - k));
            var unaryBits = (int)quotient + 1;
            if (unaryBits + k <= 64)
            {
                sink.Write((1UL << (int)quotient) | (low << unaryBits), unaryBits + k);
            }
            else
            {
                sink.Write(1UL << (int)quotient, unaryBits);
                sink.Write(low, k);
            }
            return;
        }
        var belowLeadingOne = 63 - BitOperations.LeadingZeroCount(value);
        sink.Write(0, EscapeQuotient);
        sink.Write((ulong)belowLeadingOne, LengthBits);
        sink.Write(value & ~(1UL << belowLeadingOne), belowLeadingOne);
    }

    /// <summary>
    /// The k that codes <paramref name="partition"/> in the fewest bits (<paramref name="bits"/>, exactly) among the
    /// neighbours of the median's bit length: the optimum for a geometric distribution sits near log2 of its median,
    /// and the median, unlike the mean, is not dragged up by the few spikes that get escaped anyway.
    /// </summary>
    private static int CheapestParameter(ReadOnlySpan<ulong> partition, out long bits)
    {
        Span<int> countByLength = stackalloc int[65];
        foreach (var value in partition) countByLength[64 - BitOperations.LeadingZeroCount(value)]++;
        var medianLength = 0;
        for (var seen = countByLength[0]; seen * 2 < partition.Length; seen += countByLength[medianLength]) medianLength++;

        var middle = Math.Clamp(medianLength - 1, 1, 62);
        long below = 0, at = 0, above = 0;
        foreach (var value in partition)
        {
            below += ValueBits(value, middle - 1);
            at += ValueBits(value, middle);
            above += ValueBits(value, middle + 1);
        }
        if (below <= at && below <= above)
        {
            bits = below;
            return middle - 1;
        }
        bits = at <= above ? at : above;
        return at <= above ? middle : middle + 1;
    }

    /// <summary>The bits <see cref="WriteValue"/> spends on <paramref name="value"/>: plans are sized with it, so the two must agree.</summary>
    private static int ValueBits(ulong value, int k)
    {
        var quotient = value >> k;
        return quotient < EscapeQuotient
            ? (int)quotient + 1 + k
            : EscapeQuotient + LengthBits + 63 - BitOperations.LeadingZeroCount(value);
    }
}
