using System.Runtime.InteropServices;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// A sequence of signed 64-bit residuals (deltas, or deltas of deltas) stored as small unsigned integers: each residual
/// is divided by the residuals' greatest common divisor (timestamps at whole seconds, byte gauges in pages), zigzagged,
/// then bit-packed or Rice-coded, whichever is smaller. The count is not stored: the block header implies it. An empty
/// sequence takes no bytes. Layout (docs/format/sample-block.md, "Residual stream"): one byte, bit 7 set when a varint
/// divisor follows, bits 0..6 the bit-packing width (0..64) or <see cref="RiceMarker"/>; the divisor; the coded values.
/// </summary>
internal static class ResidualStream
{
    private const byte DivisorFlag = 0x80;
    private const byte RiceMarker = 0x7F;

    /// <summary>
    /// Finds the cheapest coding for <paramref name="residuals"/>. Rewrites them in place into the values the stream
    /// stores (the caller's scratch is overwritten): pass the same span, untouched, to <see cref="Write"/>.
    /// </summary>
    public static ResidualPlan Plan(Span<long> residuals)
    {
        var divisor = CommonDivisor(residuals);
        var values = MemoryMarshal.Cast<long, ulong>(residuals);
        if (divisor == 1)
            for (var i = 0; i < residuals.Length; i++) values[i] = ZigZag.Encode(residuals[i]);
        else
            for (var i = 0; i < residuals.Length; i++) values[i] = ZigZag.Encode(residuals[i] / (long)divisor);
        if (values.IsEmpty) return new ResidualPlan(ResidualCoding.BitPacked, 0, 1, 0);

        var header = 1 + (divisor == 1 ? 0 : Varint.Length(divisor));
        var packedSize = PatchedBitPacking.Measure(values, out var width);
        var riceSize = RiceCoding.Measure(values);
        return riceSize < packedSize
            ? new ResidualPlan(ResidualCoding.Rice, 0, divisor, header + riceSize)
            : new ResidualPlan(ResidualCoding.BitPacked, width, divisor, header + packedSize);
    }

    /// <summary>Writes the residuals <see cref="Plan"/> rewrote, as planned; returns the bytes written (the plan's size).</summary>
    public static int Write(ReadOnlySpan<long> planned, in ResidualPlan plan, Span<byte> destination)
    {
        var prepared = MemoryMarshal.Cast<long, ulong>(planned);
        if (prepared.IsEmpty) return 0;
        var marker = plan.Coding == ResidualCoding.Rice ? RiceMarker : (byte)plan.Width;
        destination[0] = plan.Divisor == 1 ? marker : (byte)(marker | DivisorFlag);
        var written = 1;
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
        ulong divisor = 1;
        if ((header & DivisorFlag) != 0)
        {
            source = Varint.Read(source, out divisor);
            if (divisor < 2 || divisor > long.MaxValue) throw new InvalidDataException($"residual divisor {divisor} out of range");
        }

        var values = MemoryMarshal.Cast<long, ulong>(destination);
        var marker = header & ~DivisorFlag;
        if (marker == RiceMarker) source = RiceCoding.Read(source, values);
        else if (marker <= 64) source = PatchedBitPacking.Read(source, marker, values);
        else throw new InvalidDataException($"residual stream coding {marker} unknown");

        for (var i = 0; i < destination.Length; i++) destination[i] = ZigZag.Decode(values[i]) * (long)divisor;
        return source;
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
