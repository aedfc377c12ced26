using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OllyStack.Storage.Codecs;

/// <summary>Reads the values section that <see cref="ValueEncoder"/> wrote.</summary>
internal static class ValueDecoder
{
    /// <summary>Fills <paramref name="destination"/> (the block's sample count); returns the rest of the input.</summary>
    public static ReadOnlySpan<byte> Read(ValueEncoding encoding, ReadOnlySpan<byte> source, Span<double> destination)
    {
        switch (encoding)
        {
            case ValueEncoding.Constant:
            {
                if (source.Length < sizeof(double)) throw new InvalidDataException("constant value ends early");
                destination.Fill(BinaryPrimitives.ReadDoubleLittleEndian(source));
                return source[sizeof(double)..];
            }
            case ValueEncoding.DecimalDelta:
            case ValueEncoding.DecimalDeltaOfDelta:
                return ReadDecimal(encoding, source, destination);
            case ValueEncoding.GorillaXor:
                return GorillaXor.Read(source, destination);
            case ValueEncoding.Raw:
            {
                var length = destination.Length * sizeof(double);
                if (source.Length < length) throw new InvalidDataException("raw values end early");
                for (var i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadDoubleLittleEndian(source[(i * sizeof(double))..]);
                return source[length..];
            }
            default:
                throw new InvalidDataException($"value encoding {(int)encoding} unknown");
        }
    }

    /// <summary>
    /// Decodes the mantissas into the destination itself, seen as 64-bit integers, then converts each in place and
    /// finally corrects the exceptions' positions by their ulps or overwrites them with their raw bits: no scratch memory.
    /// </summary>
    private static ReadOnlySpan<byte> ReadDecimal(ValueEncoding encoding, ReadOnlySpan<byte> source, Span<double> destination)
    {
        if (source.IsEmpty) throw new InvalidDataException("decimal values missing");
        int scale = source[0];
        if (scale > DecimalScale.MaxScale) throw new InvalidDataException($"decimal scale {scale} exceeds {DecimalScale.MaxScale}");
        source = Varint.ReadBounded(source[1..], destination.Length, "exception count", out var exceptionCount);
        var exceptions = source;
        for (var i = 0; i < exceptionCount; i++)
        {
            source = Varint.Read(source, out _);
            source = Varint.ReadSigned(source, out var ulps);
            if (ulps != 0) continue;
            if (source.Length < sizeof(double)) throw new InvalidDataException("decimal value exception ends early");
            source = source[sizeof(double)..];
        }
        exceptions = exceptions[..(exceptions.Length - source.Length)];

        var mantissas = MemoryMarshal.Cast<double, long>(destination);
        source = Varint.ReadSigned(source, out mantissas[0]);
        if (encoding == ValueEncoding.DecimalDelta)
        {
            source = ResidualStream.Read(source, mantissas[1..]);
            for (var i = 1; i < mantissas.Length; i++) mantissas[i] += mantissas[i - 1];
        }
        else if (mantissas.Length > 1)
        {
            source = Varint.ReadSigned(source, out var delta);
            source = ResidualStream.Read(source, mantissas[2..]);
            mantissas[1] = mantissas[0] + delta;
            for (var i = 2; i < mantissas.Length; i++)
            {
                delta += mantissas[i];
                mantissas[i] = mantissas[i - 1] + delta;
            }
        }
        DecimalScale.UnscaleInPlace(mantissas, scale);

        var position = -1L;
        for (var i = 0; i < exceptionCount; i++)
        {
            exceptions = Varint.Read(exceptions, out var gap);
            exceptions = Varint.ReadSigned(exceptions, out var ulps);
            position += (long)Math.Min(gap, (ulong)destination.Length) + 1;
            if (position >= destination.Length) throw new InvalidDataException("decimal value exception position out of range");
            ref var value = ref destination[(int)position];
            if (ulps != 0)
            {
                value = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) + ulps);
                continue;
            }
            value = BinaryPrimitives.ReadDoubleLittleEndian(exceptions);
            exceptions = exceptions[sizeof(double)..];
        }
        return source;
    }
}
