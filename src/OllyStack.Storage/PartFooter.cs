using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using OllyStack.Core.Durability;

namespace OllyStack.Storage;

/// <summary>
/// The last 16 bytes of a metric or log part: where its table starts (int64), the table's length (int32) and the
/// table's CRC-32C. The table sits right before the footer, the blocks right before the table.
/// </summary>
internal static class PartFooter
{
    public const int Length = 16;

    /// <summary>Appends the table, then the footer for it, to <paramref name="output"/>.</summary>
    public static void Append(ReadOnlySpan<byte> table, long tableOffset, IBufferWriter<byte> output)
    {
        output.Write(table);
        var footer = output.GetSpan(Length);
        BinaryPrimitives.WriteInt64LittleEndian(footer, tableOffset);
        BinaryPrimitives.WriteInt32LittleEndian(footer[8..], table.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(footer[12..], Crc32C.Compute(table));
        output.Advance(Length);
    }

    /// <summary>The table of the part file, checked against its footer, and the table's offset (where the blocks end).</summary>
    /// <exception cref="InvalidDataException">The footer does not describe the file, or the table is damaged.</exception>
    public static (byte[] Table, long Offset) ReadTable(SafeFileHandle file, long fileLength, int headerLength)
    {
        if (fileLength < headerLength + Length) throw new InvalidDataException($"{fileLength} bytes is too short for a part");
        Span<byte> footer = stackalloc byte[Length];
        RandomAccess.Read(file, footer, fileLength - Length);
        var offset = BinaryPrimitives.ReadInt64LittleEndian(footer);
        var length = BinaryPrimitives.ReadInt32LittleEndian(footer[8..]);
        if (offset < headerLength || length < 0 || offset + length + Length != fileLength) throw new InvalidDataException("the footer does not describe the file");
        var table = new byte[length];
        RandomAccess.Read(file, table, offset);
        if (BinaryPrimitives.ReadUInt32LittleEndian(footer[12..]) != Crc32C.Compute(table)) throw new InvalidDataException("table checksum mismatch");
        return (table, offset);
    }
}
