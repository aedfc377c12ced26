using System.Buffers.Binary;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// Writes the timestamps section of a block in the cheapest <see cref="TimestampEncoding"/>, sizes computed exactly.
/// Timestamps need not be ordered: differences wrap around in 64 bits, so any sequence round-trips, and out-of-order
/// ones merely cost more. Not thread-safe; holds scratch space for the largest block seen.
/// </summary>
internal sealed class TimestampEncoder
{
    private ScratchArray<long> deltas;
    private ScratchArray<long> deltasOfDeltas;

    /// <summary>Writes the section for <paramref name="timestamps"/> (at least one); returns the bytes written.</summary>
    public int Write(ReadOnlySpan<long> timestamps, Span<byte> destination, out TimestampEncoding encoding, EncodingEffort effort = EncodingEffort.Smallest)
    {
        var first = timestamps[0];
        var interval = timestamps.Length > 1 ? timestamps[1] - first : 0;
        var firstBytes = Varint.Length(ZigZag.Encode(first));
        var intervalBytes = Varint.Length(ZigZag.Encode(interval));
        var rawSize = timestamps.Length * sizeof(long);
        if (HasConstantInterval(timestamps, interval) && firstBytes + intervalBytes <= rawSize)
        {
            encoding = TimestampEncoding.ConstantInterval;
            var written = Varint.WriteSigned(destination, first);
            return written + Varint.WriteSigned(destination[written..], interval);
        }
        // Up to two timestamps always have a constant interval: only extreme values make raw smaller.
        if (timestamps.Length < 3) return WriteRaw(timestamps, destination, out encoding);

        var delta = deltas.Get(timestamps.Length - 1);
        var deltaOfDelta = deltasOfDeltas.Get(timestamps.Length - 2);
        for (var i = 1; i < timestamps.Length; i++) delta[i - 1] = timestamps[i] - timestamps[i - 1];
        for (var i = 1; i < delta.Length; i++) deltaOfDelta[i - 1] = delta[i] - delta[i - 1];

        // Fast: delta of delta only, which a steady interval with jitter suits best without an offset.
        var deltaPlan = effort == EncodingEffort.Fast ? default : ResidualStream.Plan(delta);
        var deltaOfDeltaPlan = ResidualStream.Plan(deltaOfDelta, effort);
        var deltaSize = effort == EncodingEffort.Fast ? int.MaxValue : firstBytes + deltaPlan.Size;
        var deltaOfDeltaSize = firstBytes + intervalBytes + deltaOfDeltaPlan.Size;

        if (deltaSize <= deltaOfDeltaSize && deltaSize <= rawSize)
        {
            encoding = TimestampEncoding.Delta;
            var written = Varint.WriteSigned(destination, first);
            return written + ResidualStream.Write(delta, deltaPlan, destination[written..]);
        }
        if (deltaOfDeltaSize <= rawSize)
        {
            encoding = TimestampEncoding.DeltaOfDelta;
            var written = Varint.WriteSigned(destination, first);
            written += Varint.WriteSigned(destination[written..], interval);
            return written + ResidualStream.Write(deltaOfDelta, deltaOfDeltaPlan, destination[written..]);
        }
        return WriteRaw(timestamps, destination, out encoding);
    }

    private static int WriteRaw(ReadOnlySpan<long> timestamps, Span<byte> destination, out TimestampEncoding encoding)
    {
        encoding = TimestampEncoding.Raw;
        for (var i = 0; i < timestamps.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(destination[(i * sizeof(long))..], timestamps[i]);
        return timestamps.Length * sizeof(long);
    }

    private static bool HasConstantInterval(ReadOnlySpan<long> timestamps, long interval)
    {
        for (var i = 1; i < timestamps.Length; i++)
            if (timestamps[i] - timestamps[i - 1] != interval) return false;
        return true;
    }
}
