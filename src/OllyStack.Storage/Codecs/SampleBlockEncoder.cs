using OllyStack.Core.Durability;
using System.Buffers;
using System.Buffers.Binary;
using K4os.Compression.LZ4;
using ZstdSharp;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// Encodes one series' samples into a sample block (docs/format/sample-block.md): timestamps and values each in the
/// cheapest of their encodings, then the chosen <see cref="BlockCompression"/> when it makes the block smaller, then a
/// CRC-32C. Any int64 timestamps and any float64 values round-trip bit for bit, in any order. Reuse one encoder: after
/// the largest block it sees, encoding allocates nothing. Not thread-safe.
/// </summary>
public sealed class SampleBlockEncoder : IDisposable
{
    /// <summary>Below this a body is not worth a compressor's call: its frame overhead alone is about this big.</summary>
    private const int MinCompressibleBodyLength = 32;

    private readonly BlockCompression compression;
    private readonly EncodingEffort effort;
    private readonly Compressor? zstandard;
    private readonly TimestampEncoder timestampEncoder = new();
    private readonly ValueEncoder valueEncoder = new();
    private ScratchArray<byte> body;
    private ScratchArray<byte> compressed;

    /// <param name="compression">The compressor to try on each block; kept only for blocks it makes smaller.</param>
    /// <param name="zstandardLevel">Zstandard's level when <paramref name="compression"/> is <see cref="BlockCompression.Zstandard"/>.</param>
    /// <param name="effort">Which encodings to try (<see cref="EncodingEffort"/>).</param>
    public SampleBlockEncoder(BlockCompression compression = BlockCompression.None, int zstandardLevel = ZstandardSettings.DefaultLevel, EncodingEffort effort = EncodingEffort.Smallest)
    {
        if (!Enum.IsDefined(compression)) throw new ArgumentOutOfRangeException(nameof(compression));
        if (!Enum.IsDefined(effort)) throw new ArgumentOutOfRangeException(nameof(effort));
        this.compression = compression;
        this.effort = effort;
        if (compression == BlockCompression.Zstandard) zstandard = ZstandardSettings.CreateCompressor(zstandardLevel);
    }

    /// <summary>
    /// Encodes the samples into <paramref name="destination"/>, which must hold
    /// <see cref="SampleBlockFormat.MaxEncodedLength"/> bytes; returns the block's length.
    /// </summary>
    /// <param name="timestamps">Milliseconds (or any int64 unit); 1 to <see cref="SampleBlockFormat.MaxSampleCount"/> of them.</param>
    /// <param name="values">One value per timestamp.</param>
    public int Encode(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, Span<byte> destination)
    {
        if (timestamps.Length != values.Length)
            throw new ArgumentException($"{timestamps.Length} timestamps but {values.Length} values", nameof(values));
        var maxLength = SampleBlockFormat.MaxEncodedLength(timestamps.Length);
        if (destination.Length < maxLength)
            throw new ArgumentException($"destination holds {destination.Length} bytes; a block of {timestamps.Length} samples may need {maxLength}", nameof(destination));

        var plain = body.Get(SampleBlockFormat.MaxBodyLength(timestamps.Length));
        var length = timestampEncoder.Write(timestamps, plain, out var timestampEncoding, effort);
        length += valueEncoder.Write(values, plain[length..], out var valueEncoding, effort);
        plain = plain[..length];

        var header = new SampleBlockHeader(BlockCompression.None, timestampEncoding, valueEncoding, timestamps.Length, plain.Length, plain.Length, 0);
        ReadOnlySpan<byte> stored = plain;
        if (TryCompress(plain, out var compressedLength))
        {
            header = header with { Compression = compression, StoredBodyLength = compressedLength };
            stored = compressed.Get(compressedLength);
        }

        var written = header.Write(destination);
        stored.CopyTo(destination[written..]);
        written += stored.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[written..], Crc32C.Compute(destination[..written]));
        return written + SampleBlockFormat.ChecksumLength;
    }

    /// <summary>Appends the encoded block to <paramref name="destination"/>; returns its length.</summary>
    public int Encode(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, IBufferWriter<byte> destination)
    {
        var span = destination.GetSpan(SampleBlockFormat.MaxEncodedLength(Math.Clamp(timestamps.Length, 1, SampleBlockFormat.MaxSampleCount)));
        var written = Encode(timestamps, values, span);
        destination.Advance(written);
        return written;
    }

    public void Dispose() => zstandard?.Dispose();

    /// <summary>
    /// Compresses into room for strictly fewer bytes than the plain body minus the body-length varint the compressed
    /// form adds, so a compressor that does not fit has not paid off and the block stays plain.
    /// </summary>
    private bool TryCompress(ReadOnlySpan<byte> plain, out int compressedLength)
    {
        compressedLength = 0;
        if (compression == BlockCompression.None || plain.Length < MinCompressibleBodyLength) return false;
        var room = compressed.Get(plain.Length - Varint.Length((ulong)plain.Length) - 1);
        if (compression == BlockCompression.Lz4)
        {
            compressedLength = LZ4Codec.Encode(plain, room, LZ4Level.L00_FAST);
            return compressedLength > 0;
        }
        return zstandard!.TryWrap(plain, room, out compressedLength) && compressedLength > 0;
    }
}
