using OllyStack.Core.Durability;
using System.Buffers.Binary;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Metrics.Parts;

/// <summary>The fixed 64 bytes a metric part starts with (docs/format/metric-part.md, "Header").</summary>
public readonly record struct MetricPartHeader(
    PartId Id,
    int Level,
    long MinTimestamp,
    long MaxTimestamp,
    long SampleCount,
    int SeriesCount,
    int BlockCount)
{
    public void Write(Span<byte> destination)
    {
        var header = destination[..MetricPartFormat.HeaderLength];
        header.Clear();
        MetricPartFormat.Magic.CopyTo(header);
        header[4] = MetricPartFormat.Version;
        header[5] = (byte)Level;
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], Id.First);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], Id.Last);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], MinTimestamp);
        BinaryPrimitives.WriteInt64LittleEndian(header[32..], MaxTimestamp);
        BinaryPrimitives.WriteInt64LittleEndian(header[40..], SampleCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[48..], SeriesCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[52..], BlockCount);
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], Crc32C.Compute(header[..60]));
    }

    /// <exception cref="InvalidDataException">Not a version-1 part header, or damaged.</exception>
    public static MetricPartHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < MetricPartFormat.HeaderLength) throw new InvalidDataException("metric part header cut short");
        if (!source[..4].SequenceEqual(MetricPartFormat.Magic)) throw new InvalidDataException("not a metric part (bad magic)");
        if (BinaryPrimitives.ReadUInt32LittleEndian(source[60..]) != Crc32C.Compute(source[..60]))
            throw new InvalidDataException("metric part header checksum mismatch");
        if (source[4] != MetricPartFormat.Version) throw new InvalidDataException($"metric part version {source[4]} unsupported");
        var header = new MetricPartHeader(
            new PartId(BinaryPrimitives.ReadInt64LittleEndian(source[8..]), BinaryPrimitives.ReadInt64LittleEndian(source[16..])),
            source[5],
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[32..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[40..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[48..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[52..]));
        if (header.SeriesCount < 0 || header.BlockCount < header.SeriesCount || header.SampleCount < header.BlockCount || header.MaxTimestamp < header.MinTimestamp)
            throw new InvalidDataException("metric part header counts are inconsistent");
        return header;
    }
}
