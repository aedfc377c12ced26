using OllyStack.Core.Durability;
using System.Buffers.Binary;
using K4os.Compression.LZ4;
using ZstdSharp;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// Decodes sample blocks that <see cref="SampleBlockEncoder"/> wrote. Anything that is not a valid block, whether cut
/// short, corrupted or made up, throws <see cref="InvalidDataException"/>; the checksum is verified before anything is
/// decompressed or decoded, and no decode loop runs longer than the sample count. Reuse one decoder: after the largest
/// block it sees, decoding allocates nothing. Not thread-safe.
/// </summary>
public sealed class SampleBlockDecoder : IDisposable
{
    private Decompressor? zstandard;
    private ScratchArray<byte> body;

    /// <summary>
    /// Decodes the block at the start of <paramref name="source"/> into the first
    /// <paramref name="sampleCount"/> elements of each destination (size them with <see cref="SampleBlockHeader.Read"/>);
    /// returns the input after the block.
    /// </summary>
    /// <exception cref="InvalidDataException">The input does not start with a valid block.</exception>
    /// <exception cref="ArgumentException">A destination is shorter than the block's sample count.</exception>
    public ReadOnlySpan<byte> Decode(ReadOnlySpan<byte> source, Span<long> timestamps, Span<double> values, out int sampleCount)
    {
        var header = SampleBlockHeader.Read(source);
        sampleCount = header.SampleCount;
        if (timestamps.Length < sampleCount || values.Length < sampleCount)
            throw new ArgumentException($"the block holds {sampleCount} samples; destinations hold {timestamps.Length} timestamps and {values.Length} values");

        var block = source[..header.BlockLength];
        var checksumAt = block.Length - SampleBlockFormat.ChecksumLength;
        if (BinaryPrimitives.ReadUInt32LittleEndian(block[checksumAt..]) != Crc32C.Compute(block[..checksumAt]))
            throw new InvalidDataException("sample block checksum mismatch");

        var stored = block.Slice(header.HeaderLength, header.StoredBodyLength);
        var plain = header.Compression == BlockCompression.None ? stored : Decompress(header, stored);
        var rest = TimestampDecoder.Read(header.TimestampEncoding, plain, timestamps[..sampleCount]);
        rest = ValueDecoder.Read(header.ValueEncoding, rest, values[..sampleCount]);
        if (!rest.IsEmpty) throw new InvalidDataException($"{rest.Length} bytes left over after the values");
        return source[header.BlockLength..];
    }

    public void Dispose() => zstandard?.Dispose();

    private ReadOnlySpan<byte> Decompress(in SampleBlockHeader header, ReadOnlySpan<byte> stored)
    {
        var plain = body.Get(header.BodyLength);
        int length;
        if (header.Compression == BlockCompression.Lz4)
        {
            length = LZ4Codec.Decode(stored, plain);
        }
        else
        {
            zstandard ??= ZstandardSettings.CreateDecompressor();
            try
            {
                if (!zstandard.TryUnwrap(stored, plain, out length)) length = -1;
            }
            catch (ZstdException e)
            {
                throw new InvalidDataException($"Zstandard body does not decompress: {e.Message}", e);
            }
        }
        if (length != header.BodyLength)
            throw new InvalidDataException($"{header.Compression} body decompresses to {length} bytes, header says {header.BodyLength}");
        return plain;
    }
}
