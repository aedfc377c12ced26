using System.Buffers.Binary;
using System.Text;

namespace OllyStack.Storage;

/// <summary>
/// The fixed 40 bytes at the start of a log or span part: magic (4), version (1), <see cref="Level"/> (1), zero (2),
/// then the minimum and maximum time of its records (int64 each), their count (int64, > 0) and <see cref="LogEnd"/>
/// (int64, >= 0).
/// </summary>
/// <param name="LogEnd">
/// The offset of the durable log's topic up to which the flush that wrote the part had applied records: every record
/// of the part's tenant below it is in this part or an older one, so a restart that replays the log skips them instead
/// of storing them twice (a crash can fall between writing the part and committing the consumer's offset).
/// </param>
/// <param name="Level">How many merges the records went through: 0 for a flushed part (<see cref="RecordPartMergePolicy"/>).</param>
public readonly record struct PartHeader(long MinTimeUnixNano, long MaxTimeUnixNano, long RecordCount, long LogEnd, byte Level = 0)
{
    internal void Write(Span<byte> destination, PartKind kind)
    {
        destination[..PartKind.HeaderLength].Clear();
        Encoding.ASCII.GetBytes(kind.Magic, destination);
        destination[4] = kind.Version;
        destination[5] = Level;
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], MinTimeUnixNano);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], MaxTimeUnixNano);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], RecordCount);
        BinaryPrimitives.WriteInt64LittleEndian(destination[32..], LogEnd);
    }

    /// <exception cref="InvalidDataException">Not a header of <paramref name="kind"/> in its version.</exception>
    internal static PartHeader Read(ReadOnlySpan<byte> source, PartKind kind)
    {
        if (Encoding.ASCII.GetString(source[..4]) != kind.Magic) throw new InvalidDataException($"not a {kind.Name} (magic)");
        if (source[4] != kind.Version) throw new InvalidDataException($"{kind.Name} version {source[4]} is not {kind.Version}");
        var header = new PartHeader(
            BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[32..]),
            source[5]);
        if (header.RecordCount <= 0 || header.MinTimeUnixNano > header.MaxTimeUnixNano || header.LogEnd < 0) throw new InvalidDataException($"{kind.Name} header does not add up");
        return header;
    }
}
