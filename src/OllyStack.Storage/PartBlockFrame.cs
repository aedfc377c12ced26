using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using OllyStack.Core.Durability;

namespace OllyStack.Storage;

/// <summary>The frame around each block of a log or span part: payload length (int32), payload CRC-32C, payload.</summary>
internal static class PartBlockFrame
{
    public const int Length = 8;

    public static void Write(Stream file, ReadOnlySpan<byte> payload)
    {
        Span<byte> frame = stackalloc byte[Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32C.Compute(payload));
        file.Write(frame);
        file.Write(payload);
    }

    /// <summary>The payload of the frame of <paramref name="length"/> bytes at <paramref name="offset"/>, checksum verified.</summary>
    /// <exception cref="InvalidDataException">The block is damaged.</exception>
    public static ReadOnlyMemory<byte> Read(SafeFileHandle file, string path, long offset, int length)
    {
        var frame = new byte[length];
        if (RandomAccess.Read(file, frame, offset) != frame.Length) throw new InvalidDataException($"{path}: block at {offset} cut short");
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(frame);
        if (payloadLength != length - Length) throw new InvalidDataException($"{path}: block at {offset} frame length mismatch");
        var payload = frame.AsMemory(Length);
        if (Crc32C.Compute(payload.Span) != BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(4))) throw new InvalidDataException($"{path}: block at {offset} checksum mismatch");
        return payload;
    }
}
