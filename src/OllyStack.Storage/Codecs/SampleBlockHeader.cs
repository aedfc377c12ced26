namespace OllyStack.Storage.Codecs;

/// <summary>
/// The fixed part of a sample block: what it holds and how it is encoded (docs/format/sample-block.md, "Header").
/// <see cref="Read"/> checks everything the header alone can tell, not the checksum.
/// </summary>
public readonly record struct SampleBlockHeader(
    BlockCompression Compression,
    TimestampEncoding TimestampEncoding,
    ValueEncoding ValueEncoding,
    int SampleCount,
    int StoredBodyLength,
    int BodyLength,
    int HeaderLength)
{
    /// <summary>Header, stored body and checksum: where the next block starts.</summary>
    public int BlockLength => HeaderLength + StoredBodyLength + SampleBlockFormat.ChecksumLength;

    /// <exception cref="InvalidDataException">Not the start of a valid version-1 block, or the block is cut short.</exception>
    public static SampleBlockHeader Read(ReadOnlySpan<byte> source)
    {
        var input = source;
        if (source.Length < 2) throw new InvalidDataException("sample block header ends early");
        var version = source[0] >> 4;
        if (version != SampleBlockFormat.Version) throw new InvalidDataException($"sample block version {version} unsupported");
        var compression = (BlockCompression)(source[0] & 0x0F);
        if (compression > BlockCompression.Zstandard) throw new InvalidDataException($"block compression {(int)compression} unknown");
        var timestamps = (TimestampEncoding)(source[1] >> 4);
        if (timestamps > TimestampEncoding.Raw) throw new InvalidDataException($"timestamp encoding {(int)timestamps} unknown");
        var values = (ValueEncoding)(source[1] & 0x0F);
        if (values > ValueEncoding.Raw) throw new InvalidDataException($"value encoding {(int)values} unknown");

        source = Varint.ReadBounded(source[2..], SampleBlockFormat.MaxSampleCount, "sample count", out var sampleCount);
        if (sampleCount == 0) throw new InvalidDataException("sample block holds no samples");
        var maxBody = SampleBlockFormat.MaxBodyLength(sampleCount);
        source = Varint.ReadBounded(source, maxBody, "stored body length", out var storedLength);
        var bodyLength = storedLength;
        if (compression != BlockCompression.None) source = Varint.ReadBounded(source, maxBody, "body length", out bodyLength);

        var header = new SampleBlockHeader(compression, timestamps, values, sampleCount, storedLength, bodyLength, input.Length - source.Length);
        if (input.Length < header.BlockLength) throw new InvalidDataException($"sample block of {header.BlockLength} bytes cut at {input.Length}");
        return header;
    }

    /// <summary>Writes the header; returns its length.</summary>
    internal int Write(Span<byte> destination)
    {
        destination[0] = (byte)(SampleBlockFormat.Version << 4 | (int)Compression);
        destination[1] = (byte)((int)TimestampEncoding << 4 | (int)ValueEncoding);
        var written = 2 + Varint.Write(destination[2..], (ulong)SampleCount);
        written += Varint.Write(destination[written..], (ulong)StoredBodyLength);
        if (Compression != BlockCompression.None) written += Varint.Write(destination[written..], (ulong)BodyLength);
        return written;
    }
}
