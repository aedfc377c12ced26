using System.Buffers.Binary;
using System.Text;

namespace OllyStack.Core.Batches;

/// <summary>
/// Serializes a batch to the bytes stored in the durable log and back; the layout is in docs/format/batch.md.
/// Columns are copied as raw little-endian arrays, so writing and reading cost a memory copy per column.
/// </summary>
public static class BatchCodec
{
    public const byte Version = 1;
    private static ReadOnlySpan<byte> Magic => "OSBT"u8;
    private const int FixedHeaderSize = 10;
    private const int ColumnHeaderSize = 8;

    public static int GetSize(TelemetryBatch batch)
    {
        var size = FixedHeaderSize + Encoding.UTF8.GetByteCount(batch.Tenant);
        foreach (var column in batch.Columns) size += ColumnHeaderSize + column.AsBytes().Length;
        return size;
    }

    /// <summary>Writes the batch into <paramref name="destination"/>, which must hold <see cref="GetSize"/> bytes.</summary>
    public static int Write(TelemetryBatch batch, Span<byte> destination)
    {
        var columns = batch.Columns;
        Magic.CopyTo(destination);
        destination[4] = Version;
        destination[5] = (byte)batch.Signal;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)columns.Count);
        var tenantLength = Encoding.UTF8.GetBytes(batch.Tenant, destination[FixedHeaderSize..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], (ushort)tenantLength);
        var position = FixedHeaderSize + tenantLength;
        foreach (var column in columns)
        {
            var bytes = column.AsBytes();
            BinaryPrimitives.WriteInt32LittleEndian(destination[position..], column.Count);
            BinaryPrimitives.WriteInt32LittleEndian(destination[(position + 4)..], bytes.Length);
            bytes.CopyTo(destination[(position + ColumnHeaderSize)..]);
            position += ColumnHeaderSize + bytes.Length;
        }
        return position;
    }

    public static byte[] ToArray(TelemetryBatch batch)
    {
        var bytes = new byte[GetSize(batch)];
        Write(batch, bytes);
        return bytes;
    }

    public static Signal ReadSignal(ReadOnlySpan<byte> source)
    {
        CheckHeader(source);
        return (Signal)source[5];
    }

    /// <summary>Replaces the contents of <paramref name="batch"/> with the batch stored in <paramref name="source"/>.</summary>
    public static void Read(ReadOnlySpan<byte> source, TelemetryBatch batch)
    {
        CheckHeader(source);
        if ((Signal)source[5] != batch.Signal)
            throw new InvalidDataException($"stored batch is {(Signal)source[5]}, expected {batch.Signal}");
        var columns = batch.Columns;
        var columnCount = BinaryPrimitives.ReadUInt16LittleEndian(source[6..]);
        if (columnCount != columns.Count)
            throw new InvalidDataException($"stored {batch.Signal} batch has {columnCount} columns, expected {columns.Count}");
        var tenantLength = BinaryPrimitives.ReadUInt16LittleEndian(source[8..]);
        batch.Tenant = Encoding.UTF8.GetString(Slice(source, FixedHeaderSize, tenantLength));
        var position = FixedHeaderSize + tenantLength;
        foreach (var column in columns)
        {
            var count = BinaryPrimitives.ReadInt32LittleEndian(Slice(source, position, ColumnHeaderSize));
            var length = BinaryPrimitives.ReadInt32LittleEndian(source[(position + 4)..]);
            column.Load(count, Slice(source, position + ColumnHeaderSize, length));
            position += ColumnHeaderSize + length;
        }
        if (position != source.Length)
            throw new InvalidDataException($"stored batch has {source.Length - position} trailing bytes");
    }

    private static void CheckHeader(ReadOnlySpan<byte> source)
    {
        if (source.Length < FixedHeaderSize || !source[..4].SequenceEqual(Magic))
            throw new InvalidDataException("not a batch: magic OSBT missing");
        if (source[4] != Version)
            throw new InvalidDataException($"batch format version {source[4]} is not supported (this build reads {Version})");
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> source, int start, int length)
    {
        if (start < 0 || length < 0 || start + length > source.Length)
            throw new InvalidDataException($"stored batch is truncated at byte {source.Length} (needed {start + length})");
        return source.Slice(start, length);
    }
}
