using System.Buffers.Binary;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// Writes the values section of a block in the cheapest <see cref="ValueEncoding"/>, sizes computed exactly.
/// Decimal encodings carry the values that have no mantissa at the block's scale (NaN, the Prometheus stale marker,
/// infinities, -0.0, a stray 0.30000000000000004 among two-decimal readings) as exceptions: position and raw bits. The
/// mantissa sequence repeats the previous mantissa at an exception's position, which the decoder then overwrites, so a
/// stale marker at the end of a counter costs about ten bytes rather than the whole block falling back to XOR. Not
/// thread-safe; holds scratch space for the largest block seen.
/// </summary>
internal sealed class ValueEncoder
{
    /// <summary>An exception costs its raw eight bytes and a one- or two-byte position gap.</summary>
    private const double ExceptionBytes = 9.5;

    /// <summary>Each extra decimal digit of scale adds log2(10) bits to every residual.</summary>
    private const double BytesPerDigit = 3.3219280948873623 / 8;

    private SampleScratch<long> mantissas;
    private SampleScratch<long> deltas;
    private SampleScratch<long> deltasOfDeltas;
    private SampleScratch<byte> scales;
    private SampleScratch<int> exceptions;

    /// <summary>Writes the section for <paramref name="values"/> (at least one); returns the bytes written.</summary>
    public int Write(ReadOnlySpan<double> values, Span<byte> destination, out ValueEncoding encoding)
    {
        if (IsConstant(values))
        {
            encoding = ValueEncoding.Constant;
            BinaryPrimitives.WriteDoubleLittleEndian(destination, values[0]);
            return sizeof(double);
        }

        var rawSize = values.Length * sizeof(double);
        var best = rawSize;
        encoding = ValueEncoding.Raw;
        var decimalValues = default(DecimalCandidate);
        if (TryDecimal(values, out decimalValues))
        {
            if (decimalValues.DeltaSize <= best)
            {
                best = decimalValues.DeltaSize;
                encoding = ValueEncoding.DecimalDelta;
            }
            if (decimalValues.DeltaOfDeltaSize < best)
            {
                best = decimalValues.DeltaOfDeltaSize;
                encoding = ValueEncoding.DecimalDeltaOfDelta;
            }
        }
        // XOR spends at least one bit on every value after the first: skip measuring it when that already loses.
        if (sizeof(double) + (values.Length - 1 + 7) / 8 < best && GorillaXor.Measure(values) is var xorSize && xorSize < best)
        {
            best = xorSize;
            encoding = ValueEncoding.GorillaXor;
        }

        switch (encoding)
        {
            case ValueEncoding.DecimalDelta:
            case ValueEncoding.DecimalDeltaOfDelta:
                return WriteDecimal(values, decimalValues, encoding, destination);
            case ValueEncoding.GorillaXor:
                return GorillaXor.Write(values, destination);
            default:
                for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(destination[(i * sizeof(double))..], values[i]);
                return rawSize;
        }
    }

    private static bool IsConstant(ReadOnlySpan<double> values)
    {
        var first = BitConverter.DoubleToInt64Bits(values[0]);
        foreach (var value in values)
            if (BitConverter.DoubleToInt64Bits(value) != first) return false;
        return true;
    }

    /// <summary>What the two decimal encodings of a block would cost and what they need to be written.</summary>
    private readonly record struct DecimalCandidate(
        int Scale, int ExceptionCount, ResidualPlan DeltaPlan, ResidualPlan DeltaOfDeltaPlan, int DeltaSize, int DeltaOfDeltaSize);

    private bool TryDecimal(ReadOnlySpan<double> values, out DecimalCandidate candidate)
    {
        candidate = default;
        if (!TryChooseScale(values, out var scale)) return false;

        var mantissa = mantissas.Get(values.Length);
        var exceptionIndexes = exceptions.Get(values.Length);
        var smallest = scales.Get(values.Length);
        var exceptionCount = 0;
        var firstScaled = -1;
        var exceptionBytes = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (smallest[i] <= scale && DecimalScale.TryRescale(values[i], mantissa[i], smallest[i], scale, out mantissa[i]))
            {
                if (firstScaled < 0) firstScaled = i;
                continue;
            }
            exceptionBytes += Varint.Length((ulong)(i - (exceptionCount == 0 ? -1 : exceptionIndexes[exceptionCount - 1]) - 1)) + sizeof(double);
            exceptionIndexes[exceptionCount++] = i;
            mantissa[i] = i > 0 ? mantissa[i - 1] : 0;
        }
        if (firstScaled < 0) return false;
        for (var i = 0; i < firstScaled; i++) mantissa[i] = mantissa[firstScaled];

        var delta = deltas.Get(values.Length - 1);
        var deltaOfDelta = deltasOfDeltas.Get(Math.Max(0, values.Length - 2));
        for (var i = 1; i < mantissa.Length; i++) delta[i - 1] = mantissa[i] - mantissa[i - 1];
        for (var i = 1; i < delta.Length; i++) deltaOfDelta[i - 1] = delta[i] - delta[i - 1];
        var deltaPlan = ResidualStream.Plan(delta);
        var deltaOfDeltaPlan = ResidualStream.Plan(deltaOfDelta);

        var common = 1 + Varint.Length((ulong)exceptionCount) + exceptionBytes + Varint.Length(ZigZag.Encode(mantissa[0]));
        var firstDelta = Varint.Length(ZigZag.Encode(mantissa[1] - mantissa[0]));
        candidate = new DecimalCandidate(scale, exceptionCount, deltaPlan, deltaOfDeltaPlan,
            common + deltaPlan.Size, common + firstDelta + deltaOfDeltaPlan.Size);
        return true;
    }

    /// <summary>
    /// Finds each value's smallest scale and its mantissa there (left in the mantissa scratch), then the block scale that balances wider mantissas against exceptions: a
    /// handful of 17-digit values in a block of 3-decimal ones become exceptions instead of costing every sample 46
    /// more bits. Gives up early when values without any mantissa keep coming (random floats): XOR will win there.
    /// </summary>
    private bool TryChooseScale(ReadOnlySpan<double> values, out int scale)
    {
        var smallest = scales.Get(values.Length);
        var mantissa = mantissas.Get(values.Length);
        Span<int> countByScale = stackalloc int[DecimalScale.None + 1];
        var hint = TypicalScale(values);
        for (var i = 0; i < values.Length; i++)
        {
            var s = DecimalScale.Smallest(values[i], hint, out mantissa[i]);
            smallest[i] = (byte)s;
            countByScale[s]++;
            if (s == DecimalScale.None && countByScale[DecimalScale.None] > 8 + i / 8)
            {
                scale = 0;
                return false;
            }
        }

        scale = 0;
        var bestCost = double.MaxValue;
        var above = values.Length - countByScale[0];
        for (var s = 0; s <= DecimalScale.MaxScale; s++)
        {
            var cost = values.Length * s * BytesPerDigit + above * ExceptionBytes;
            if (cost < bestCost)
            {
                bestCost = cost;
                scale = s;
            }
            above -= countByScale[s + 1];
        }
        return true;
    }

    /// <summary>
    /// The median smallest scale of the first few values: where <see cref="DecimalScale.Smallest"/> starts for every
    /// value of the block. One hint for all, rather than each value's predecessor's, keeps the conversions of
    /// successive values independent of each other, so the processor overlaps them.
    /// </summary>
    private static int TypicalScale(ReadOnlySpan<double> values)
    {
        Span<int> first = stackalloc int[Math.Min(values.Length, 15)];
        for (var i = 0; i < first.Length; i++) first[i] = DecimalScale.Smallest(values[i], 0, out _);
        first.Sort();
        var median = first[first.Length / 2];
        return median == DecimalScale.None ? 0 : median;
    }

    private int WriteDecimal(ReadOnlySpan<double> values, in DecimalCandidate candidate, ValueEncoding encoding, Span<byte> destination)
    {
        var mantissa = mantissas.Get(values.Length);
        var exceptionIndexes = exceptions.Get(candidate.ExceptionCount);
        destination[0] = (byte)candidate.Scale;
        var written = 1;
        written += Varint.Write(destination[written..], (ulong)candidate.ExceptionCount);
        var previous = -1;
        foreach (var index in exceptionIndexes)
        {
            written += Varint.Write(destination[written..], (ulong)(index - previous - 1));
            BinaryPrimitives.WriteDoubleLittleEndian(destination[written..], values[index]);
            written += sizeof(double);
            previous = index;
        }
        written += Varint.WriteSigned(destination[written..], mantissa[0]);

        // Both candidates' residuals still sit in their scratch arrays as TryDecimal planned them.
        if (encoding == ValueEncoding.DecimalDelta)
            return written + ResidualStream.Write(deltas.Get(values.Length - 1), candidate.DeltaPlan, destination[written..]);
        written += Varint.WriteSigned(destination[written..], mantissa[1] - mantissa[0]);
        return written + ResidualStream.Write(deltasOfDeltas.Get(values.Length - 2), candidate.DeltaOfDeltaPlan, destination[written..]);
    }
}
