using System.Buffers.Binary;

namespace OllyStack.Storage.Codecs;

/// <summary>Reads the timestamps section that <see cref="TimestampEncoder"/> wrote.</summary>
internal static class TimestampDecoder
{
    /// <summary>Fills <paramref name="destination"/> (the block's sample count); returns the rest of the input.</summary>
    public static ReadOnlySpan<byte> Read(TimestampEncoding encoding, ReadOnlySpan<byte> source, Span<long> destination)
    {
        switch (encoding)
        {
            case TimestampEncoding.ConstantInterval:
            {
                source = Varint.ReadSigned(source, out var first);
                source = Varint.ReadSigned(source, out var interval);
                var timestamp = first;
                for (var i = 0; i < destination.Length; i++, timestamp += interval) destination[i] = timestamp;
                return source;
            }
            case TimestampEncoding.Delta:
            {
                source = Varint.ReadSigned(source, out var first);
                source = ResidualStream.Read(source, destination[1..]);
                destination[0] = first;
                for (var i = 1; i < destination.Length; i++) destination[i] += destination[i - 1];
                return source;
            }
            case TimestampEncoding.DeltaOfDelta:
            {
                source = Varint.ReadSigned(source, out var first);
                source = Varint.ReadSigned(source, out var interval);
                destination[0] = first;
                if (destination.Length == 1) return source;
                source = ResidualStream.Read(source, destination[2..]);
                destination[1] = first + interval;
                for (var i = 2; i < destination.Length; i++)
                {
                    interval += destination[i];
                    destination[i] = destination[i - 1] + interval;
                }
                return source;
            }
            case TimestampEncoding.Raw:
            {
                var length = destination.Length * sizeof(long);
                if (source.Length < length) throw new InvalidDataException("raw timestamps end early");
                for (var i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadInt64LittleEndian(source[(i * sizeof(long))..]);
                return source[length..];
            }
            default:
                throw new InvalidDataException($"timestamp encoding {(int)encoding} unknown");
        }
    }
}
