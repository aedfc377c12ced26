using System.Buffers.Binary;

namespace OllyStack.Storage.Logs.Parts;

/// <summary>The fixed 32 bytes at the start of a log part (docs/format/log-part.md).</summary>
public readonly record struct LogPartHeader(long MinTimeUnixNano, long MaxTimeUnixNano, long RecordCount)
{
    public void Write(Span<byte> destination)
    {
        destination[..LogPartFormat.HeaderLength].Clear();
        LogPartFormat.Magic.CopyTo(destination);
        destination[4] = LogPartFormat.Version;
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], MinTimeUnixNano);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], MaxTimeUnixNano);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], RecordCount);
    }

    /// <exception cref="InvalidDataException">Not a log part header of a known version.</exception>
    public static LogPartHeader Read(ReadOnlySpan<byte> source)
    {
        if (!source[..4].SequenceEqual(LogPartFormat.Magic)) throw new InvalidDataException("not a log part (magic)");
        if (source[4] != LogPartFormat.Version) throw new InvalidDataException($"log part version {source[4]} is not {LogPartFormat.Version}");
        var header = new LogPartHeader(
            BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]));
        if (header.RecordCount <= 0 || header.MinTimeUnixNano > header.MaxTimeUnixNano) throw new InvalidDataException("log part header does not add up");
        return header;
    }
}
