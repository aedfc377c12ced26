using OllyStack.Core.Durability;
using System.Buffers.Binary;

namespace OllyStack.Log;

/// <summary>The 20-byte header at the start of every segment file (docs/format/wal.md, "Segment file").</summary>
internal static class SegmentHeader
{
    public const int Size = 20;
    public const byte Version = 1;
    private const int ChecksumPosition = 16;
    private static ReadOnlySpan<byte> Magic => "OSWL"u8;

    public static void Write(Span<byte> destination, long firstOffset)
    {
        Magic.CopyTo(destination);
        destination[4] = Version;
        destination[5..8].Clear();
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], firstOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[ChecksumPosition..], Crc32C.Compute(destination[..ChecksumPosition]));
    }

    /// <summary>Returns null when <paramref name="source"/> holds a valid header for <paramref name="firstOffset"/>, else what is wrong.</summary>
    public static string? Check(ReadOnlySpan<byte> source, long firstOffset)
    {
        if (source.Length < Size) return $"header is {source.Length} bytes, expected {Size}";
        if (!source[..4].SequenceEqual(Magic)) return "header magic is not OSWL";
        var storedChecksum = BinaryPrimitives.ReadUInt32LittleEndian(source[ChecksumPosition..]);
        if (storedChecksum != Crc32C.Compute(source[..ChecksumPosition])) return "header checksum mismatch";
        if (source[4] != Version) return $"unknown segment format version {source[4]}";
        var storedFirstOffset = BinaryPrimitives.ReadInt64LittleEndian(source[8..]);
        return storedFirstOffset == firstOffset ? null : $"header first offset {storedFirstOffset} does not match file name offset {firstOffset}";
    }
}
