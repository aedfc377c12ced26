using OllyStack.Core.Durability;
using System.Buffers.Binary;

namespace OllyStack.Log;

/// <summary>
/// One record as stored in a segment: length, CRC-32C over offset and payload, offset, payload
/// (docs/format/wal.md, "Record").
/// </summary>
internal static class RecordFrame
{
    public const int HeaderSize = 16;

    /// <summary>Upper bound on a payload; a larger stored length is treated as corruption.</summary>
    public const int MaxPayloadBytes = 1 << 30;

    private const int ChecksumPosition = 4;
    private const int OffsetPosition = 8;

    public static int SizeOf(int payloadLength) => HeaderSize + payloadLength;

    /// <summary>Writes the frame into <paramref name="destination"/>, which must hold <see cref="SizeOf"/> bytes.</summary>
    public static void Write(Span<byte> destination, long offset, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(destination[OffsetPosition..], offset);
        payload.CopyTo(destination[HeaderSize..]);
        var covered = destination[OffsetPosition..(HeaderSize + payload.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(destination[ChecksumPosition..], Crc32C.Compute(covered));
    }

    /// <summary>The stored payload length; needs <see cref="HeaderSize"/> bytes.</summary>
    public static uint ReadPayloadLength(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt32LittleEndian(frame);

    /// <summary>The stored offset; needs <see cref="HeaderSize"/> bytes.</summary>
    public static long ReadOffset(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadInt64LittleEndian(frame[OffsetPosition..]);

    /// <summary>Whether the stored checksum matches the offset and payload; needs the whole frame.</summary>
    public static bool HasValidChecksum(ReadOnlySpan<byte> frame)
    {
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(frame[ChecksumPosition..]);
        return stored == Crc32C.Compute(frame[OffsetPosition..]);
    }
}
