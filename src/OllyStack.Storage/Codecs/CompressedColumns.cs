using System.Buffers;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// The columns of a log or span block as stored: a compression byte (0 none, 2 Zstandard), the plain length, the
/// stored length and the stored bytes. Zstandard is kept only when it makes the columns smaller.
/// </summary>
internal static class CompressedColumns
{
    public static void Write(ZstdSharp.Compressor zstandard, ReadOnlySpan<byte> plain, IBufferWriter<byte> output)
    {
        var rented = ArrayPool<byte>.Shared.Rent(ZstdSharp.Compressor.GetCompressBound(plain.Length));
        try
        {
            var compressedLength = zstandard.Wrap(plain, rented);
            var compress = compressedLength < plain.Length;
            output.WriteByte((byte)(compress ? BlockCompression.Zstandard : BlockCompression.None));
            output.WriteVarint((ulong)plain.Length);
            var stored = compress ? rented.AsSpan(0, compressedLength) : plain;
            output.WriteVarint((ulong)stored.Length);
            output.Write(stored);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Reads what <see cref="Write"/> wrote into <paramref name="columns"/>, refusing plain lengths over
    /// <paramref name="maxLength"/>; creates <paramref name="zstandard"/> when first needed. Returns the input after it.
    /// </summary>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> source, int maxLength, string what, ref ZstdSharp.Decompressor? zstandard, out byte[] columns)
    {
        if (source.IsEmpty) throw new InvalidDataException($"{what} missing");
        var compression = (BlockCompression)source[0];
        var rest = Varint.ReadBounded(source[1..], maxLength, $"{what} length", out var plainLength);
        rest = Varint.ReadBounded(rest, rest.Length, $"stored {what} length", out var storedLength);
        var stored = rest[..storedLength];
        columns = new byte[plainLength];
        switch (compression)
        {
            case BlockCompression.None when storedLength == plainLength:
                stored.CopyTo(columns);
                break;
            case BlockCompression.Zstandard:
                zstandard ??= ZstandardSettings.CreateDecompressor();
                ZstandardSettings.DecompressExactly(zstandard, stored, columns, what);
                break;
            default:
                throw new InvalidDataException($"{what}: compression {source[0]} with {storedLength} of {plainLength} bytes");
        }
        return rest[storedLength..];
    }
}
