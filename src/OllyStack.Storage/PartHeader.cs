using System.Buffers.Binary;
using System.Text;

namespace OllyStack.Storage;

/// <summary>
/// The fixed 32 bytes at the start of a log or span part: magic (4), version (1), zero (3), then the minimum and
/// maximum time of its records (int64 each) and their count (int64, > 0).
/// </summary>
public readonly record struct PartHeader(long MinTimeUnixNano, long MaxTimeUnixNano, long RecordCount)
{
    internal void Write(Span<byte> destination, PartKind kind)
    {
        destination[..PartKind.HeaderLength].Clear();
        Encoding.ASCII.GetBytes(kind.Magic, destination);
        destination[4] = kind.Version;
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], MinTimeUnixNano);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], MaxTimeUnixNano);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], RecordCount);
    }

    /// <exception cref="InvalidDataException">Not a header of <paramref name="kind"/> in its version.</exception>
    internal static PartHeader Read(ReadOnlySpan<byte> source, PartKind kind)
    {
        if (Encoding.ASCII.GetString(source[..4]) != kind.Magic) throw new InvalidDataException($"not a {kind.Name} (magic)");
        if (source[4] != kind.Version) throw new InvalidDataException($"{kind.Name} version {source[4]} is not {kind.Version}");
        var header = new PartHeader(
            BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]));
        if (header.RecordCount <= 0 || header.MinTimeUnixNano > header.MaxTimeUnixNano) throw new InvalidDataException($"{kind.Name} header does not add up");
        return header;
    }
}
