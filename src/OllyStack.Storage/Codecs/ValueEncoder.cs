using System.Buffers.Binary;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// Writes the values section of a block in the cheapest <see cref="ValueEncoding"/>, sizes computed exactly.
/// Decimal encodings carry the values that have no mantissa at the block's scale as exceptions. A value a few ulps
/// from a decimal at that scale (1.7619999999999998, the result of arithmetic on 1.762) keeps that decimal's mantissa
/// in the sequence and its exception holds only the ulp correction. Any other (NaN, the Prometheus stale marker,
/// infinities, -0.0, a reading with more digits than the rest) holds its raw bits, and the mantissa sequence repeats
/// the previous mantissa there. So a stale marker at the end of a counter costs about eleven bytes rather than the
/// whole block falling back to XOR. Not thread-safe; holds scratch space for the largest block seen.
/// </summary>
internal sealed class ValueEncoder
{
    /// <summary>An exception with raw bits: eight bytes, the zero correction that marks it, a one- or two-byte position gap.</summary>
    private const double RawExceptionBytes = 10.5;

    /// <summary>An exception with an ulp correction: a one- or two-byte correction and position gap.</summary>
    private const double CorrectedExceptionBytes = 2.5;

    /// <summary>Each extra decimal digit of scale adds log2(10) bits to every residual.</summary>
    private const double BytesPerDigit = 3.3219280948873623 / 8;

    private ScratchArray<long> mantissas;
    private ScratchArray<long> deltas;
    private ScratchArray<long> deltasOfDeltas;
    private ScratchArray<byte> scales;
    private ScratchArray<int> exceptions;
    private ScratchArray<long> corrections;

    /// <summary>Writes the section for <paramref name="values"/> (at least one); returns the bytes written.</summary>
    public int Write(ReadOnlySpan<double> values, Span<byte> destination, out ValueEncoding encoding, EncodingEffort effort = EncodingEffort.Smallest)
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
        // Fast: no decimal search, whose cost is mostly per block; XOR or raw.
        var decimalValues = default(DecimalCandidate);
        if (effort == EncodingEffort.Smallest && TryDecimal(values, out decimalValues))
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
        var exceptionCorrections = corrections.Get(values.Length);
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
            if (DecimalScale.TryApproximate(values[i], scale, out var nearest, out var ulps))
            {
                mantissa[i] = nearest;
                if (firstScaled < 0) firstScaled = i;
                if (ulps == 0) continue;
            }
            else
            {
                mantissa[i] = i > 0 ? mantissa[i - 1] : 0;
                ulps = 0;
            }
            var gap = i - (exceptionCount == 0 ? -1 : exceptionIndexes[exceptionCount - 1]) - 1;
            exceptionBytes += Varint.Length((ulong)gap) + Varint.Length(ZigZag.Encode(ulps)) + (ulps == 0 ? sizeof(double) : 0);
            exceptionIndexes[exceptionCount] = i;
            exceptionCorrections[exceptionCount++] = ulps;
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
    /// Finds each value's smallest scale and its mantissa there (left in the mantissa scratch), then the block scale
    /// that balances wider mantissas against exceptions: a handful of 17-digit values in a block of 3-decimal ones
    /// become exceptions instead of costing every sample 46 more bits, and cheap ones where they are a few ulps off a
    /// 3-decimal value. Gives up early when values without any mantissa keep coming (random floats): XOR or raw wins.
    /// </summary>
    private bool TryChooseScale(ReadOnlySpan<double> values, out int scale)
    {
        var smallest = scales.Get(values.Length);
        var mantissa = mantissas.Get(values.Length);
        const int scaleCount = DecimalScale.None + 1;
        // countByScales[exact * scaleCount + approximate]: how many values have each smallest exact scale and scale
        // within an ulp correction. Results of arithmetic lie near decimals of the series' typical scale, so only the
        // hint is tried: one conversion more for a value whose exact scale is above it.
        Span<int> countByScales = stackalloc int[scaleCount * scaleCount];
        var hint = TypicalScale(values);
        var unscalable = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var exact = DecimalScale.Smallest(values[i], hint, out mantissa[i]);
            smallest[i] = (byte)exact;
            var approximate = exact <= hint || !DecimalScale.TryApproximate(values[i], hint, out _, out _) ? exact : hint;
            countByScales[exact * scaleCount + approximate]++;
            if (exact == DecimalScale.None && ++unscalable > 8 + i / 8)
            {
                scale = 0;
                return false;
            }
        }

        scale = ChooseScale(countByScales, values.Length);
        return true;
    }

    /// <summary>
    /// The scale that costs least: every value pays its digits at that scale, a value whose exact scale is higher
    /// pays an exception. Only the (exact, approximate) cells that occur are visited, a handful for a real series,
    /// so a short block does not pay for the whole table.
    /// </summary>
    private static int ChooseScale(ReadOnlySpan<int> countByScales, int valueCount)
    {
        const int scaleCount = DecimalScale.None + 1;
        Span<(int Exact, int Approximate, int Count)> cells = stackalloc (int, int, int)[Math.Min(valueCount, countByScales.Length)];
        var cellCount = 0;
        for (var cell = 0; cell < countByScales.Length && cellCount < cells.Length; cell++)
            if (countByScales[cell] != 0) cells[cellCount++] = (cell / scaleCount, cell % scaleCount, countByScales[cell]);
        var scale = 0;
        var bestCost = double.MaxValue;
        for (var s = 0; s <= DecimalScale.MaxScale; s++)
        {
            var cost = valueCount * s * BytesPerDigit;
            foreach (var (exact, approximate, count) in cells[..cellCount])
                if (exact > s) cost += count * (approximate <= s ? CorrectedExceptionBytes : RawExceptionBytes);
            if (cost < bestCost)
            {
                bestCost = cost;
                scale = s;
            }
        }
        return scale;
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
        var exceptionCorrections = corrections.Get(candidate.ExceptionCount);
        destination[0] = (byte)candidate.Scale;
        var written = 1;
        written += Varint.Write(destination[written..], (ulong)candidate.ExceptionCount);
        var previous = -1;
        for (var e = 0; e < exceptionIndexes.Length; e++)
        {
            var index = exceptionIndexes[e];
            written += Varint.Write(destination[written..], (ulong)(index - previous - 1));
            written += Varint.WriteSigned(destination[written..], exceptionCorrections[e]);
            if (exceptionCorrections[e] == 0)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(destination[written..], values[index]);
                written += sizeof(double);
            }
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
