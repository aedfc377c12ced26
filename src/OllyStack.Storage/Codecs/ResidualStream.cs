using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// A sequence of signed 64-bit residuals (deltas, or deltas of deltas) stored as small unsigned integers: an offset is
/// subtracted from each (the typical scrape interval, or a counter's typical increase, so that only the noise around
/// it is left), the results are divided by their greatest common divisor (timestamps at whole seconds, byte gauges in
/// pages) and zigzagged, then bit-packed or Rice-coded, whichever is smaller. The count is not stored: the block
/// header implies it. An empty sequence takes no bytes. Layout (docs/format/sample-block.md, "Residual stream"): one
/// byte (bit 7: a divisor follows; bit 6: an offset follows; bits 0..5: the bit-packing width 0..62, or 63 for Rice),
/// then the zigzag-varint offset, the varint divisor and the coded values.
/// </summary>
internal static class ResidualStream
{
    private const byte DivisorFlag = 0x80;
    private const byte OffsetFlag = 0x40;
    private const byte CodingMask = 0x3F;
    private const byte RiceMarker = 0x3F;

    /// <summary>How many evenly spaced residuals the offset is chosen from: a median of a sample, cheap and robust.</summary>
    private const int OffsetSample = 31;

    /// <summary>
    /// Finds the cheapest coding for <paramref name="residuals"/>. Rewrites them in place into the values the stream
    /// stores (the caller's scratch is overwritten): pass the same span, untouched, to <see cref="Write"/>.
    /// <see cref="EncodingEffort.Fast"/> skips the offset and divisor searches, whose sort and divisions cost about a
    /// microsecond a stream whatever its length.
    /// </summary>
    public static ResidualPlan Plan(Span<long> residuals, EncodingEffort effort = EncodingEffort.Smallest)
    {
        if (residuals.IsEmpty) return new ResidualPlan(ResidualCoding.BitPacked, 0, 0, 1, 0);
        var offset = effort == EncodingEffort.Fast ? 0 : Offset(residuals);
        if (offset != 0)
            for (var i = 0; i < residuals.Length; i++) residuals[i] -= offset;
        var divisor = effort == EncodingEffort.Fast ? 1 : CommonDivisor(residuals);
        var values = MemoryMarshal.Cast<long, ulong>(residuals);
        if (divisor == 1)
            for (var i = 0; i < residuals.Length; i++) values[i] = ZigZag.Encode(residuals[i]);
        else
            for (var i = 0; i < residuals.Length; i++) values[i] = ZigZag.Encode(residuals[i] / (long)divisor);

        var header = 1 + (offset == 0 ? 0 : Varint.Length(ZigZag.Encode(offset))) + (divisor == 1 ? 0 : Varint.Length(divisor));
        var packedSize = PatchedBitPacking.Measure(values, out var width);
        var riceSize = RiceCoding.Measure(values);
        return riceSize < packedSize
            ? new ResidualPlan(ResidualCoding.Rice, 0, offset, divisor, header + riceSize)
            : new ResidualPlan(ResidualCoding.BitPacked, width, offset, divisor, header + packedSize);
    }

    /// <summary>Writes the residuals <see cref="Plan"/> rewrote, as planned; returns the bytes written (the plan's size).</summary>
    public static int Write(ReadOnlySpan<long> planned, in ResidualPlan plan, Span<byte> destination)
    {
        if (planned.IsEmpty) return 0;
        var prepared = MemoryMarshal.Cast<long, ulong>(planned);
        var header = plan.Coding == ResidualCoding.Rice ? RiceMarker : (byte)plan.Width;
        if (plan.Offset != 0) header |= OffsetFlag;
        if (plan.Divisor != 1) header |= DivisorFlag;
        destination[0] = header;
        var written = 1;
        if (plan.Offset != 0) written += Varint.WriteSigned(destination[written..], plan.Offset);
        if (plan.Divisor != 1) written += Varint.Write(destination[written..], plan.Divisor);
        written += plan.Coding == ResidualCoding.Rice
            ? RiceCoding.Write(prepared, destination[written..])
            : PatchedBitPacking.Write(prepared, plan.Width, destination[written..]);
        return written;
    }

    /// <summary>Reads <paramref name="destination"/>.Length residuals; returns the rest of the input.</summary>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> source, Span<long> destination)
    {
        if (destination.IsEmpty) return source;
        if (source.IsEmpty) throw new InvalidDataException("residual stream missing");
        var header = source[0];
        source = source[1..];
        long offset = 0;
        ulong divisor = 1;
        if ((header & OffsetFlag) != 0) source = Varint.ReadSigned(source, out offset);
        if ((header & DivisorFlag) != 0)
        {
            source = Varint.Read(source, out divisor);
            if (divisor < 2 || divisor > long.MaxValue) throw new InvalidDataException($"residual divisor {divisor} out of range");
        }

        var values = MemoryMarshal.Cast<long, ulong>(destination);
        var coding = header & CodingMask;
        source = coding == RiceMarker
            ? RiceCoding.Read(source, values)
            : PatchedBitPacking.Read(source, coding, values);

        Restore(destination, (long)divisor, offset);
        return source;
    }

    /// <summary>Turns the stored values (zigzagged, in place) back into residuals: times the divisor, plus the offset. Four at a time where the CPU has vectors.</summary>
    private static void Restore(Span<long> residuals, long divisor, long offset)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (divisors, offsets, one) = (Vector256.Create(divisor), Vector256.Create(offset), Vector256<long>.One);
            for (; i <= residuals.Length - Vector256<long>.Count; i += Vector256<long>.Count)
            {
                var zigzagged = Vector256.Create<long>(residuals[i..]);
                var decoded = Vector256.ShiftRightLogical(zigzagged, 1) ^ -(zigzagged & one);
                (divisor == 1 ? decoded + offsets : decoded * divisors + offsets).CopyTo(residuals[i..]);
            }
        }
        for (; i < residuals.Length; i++) residuals[i] = ZigZag.Decode((ulong)residuals[i]) * divisor + offset;
    }

    /// <summary>
    /// The median of up to <see cref="OffsetSample"/> evenly spaced residuals, kept only if it shrinks that sample's
    /// zigzagged bit lengths: it centres a steady interval or rate on zero, and leaves a stream that is mostly zero
    /// (a few spikes) or already centred alone.
    /// </summary>
    private static long Offset(ReadOnlySpan<long> residuals)
    {
        Span<long> sample = stackalloc long[Math.Min(OffsetSample, residuals.Length)];
        for (var i = 0; i < sample.Length; i++) sample[i] = residuals[(int)((long)i * residuals.Length / sample.Length)];
        sample.Sort();
        var median = sample[sample.Length / 2];
        if (median == 0) return 0;
        long bitsWithout = 0, bitsWith = 0;
        foreach (var residual in sample)
        {
            bitsWithout += 64 - BitOperations.LeadingZeroCount(ZigZag.Encode(residual));
            bitsWith += 64 - BitOperations.LeadingZeroCount(ZigZag.Encode(residual - median));
        }
        return bitsWith < bitsWithout ? median : 0;
    }

    /// <summary>
    /// The greatest common divisor of the residuals' magnitudes, 1 when there is none worth using. Stops at the first
    /// residual that makes it 1, which for most value streams is the second one.
    /// </summary>
    private static ulong CommonDivisor(ReadOnlySpan<long> residuals)
    {
        ulong divisor = 0;
        foreach (var residual in residuals)
        {
            var magnitude = residual < 0 ? (ulong)-residual : (ulong)residual;
            if (magnitude == 0 || (divisor != 0 && magnitude % divisor == 0)) continue;
            divisor = divisor == 0 ? magnitude : GreatestCommonDivisor(divisor, magnitude);
            if (divisor == 1) return 1;
        }
        return divisor is 0 or > long.MaxValue ? 1 : divisor;
    }

    private static ulong GreatestCommonDivisor(ulong a, ulong b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
