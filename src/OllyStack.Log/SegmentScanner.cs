namespace OllyStack.Log;

/// <summary>Verifies every record of a segment: sane length, CRC-32C match, consecutive offsets. Read-only.</summary>
internal static class SegmentScanner
{
    public static SegmentScan Scan(SegmentReader reader, string path, long firstOffset)
    {
        reader.Open(path, SegmentHeader.Size);
        var fileLength = reader.FileLength;
        Span<byte> header = stackalloc byte[SegmentHeader.Size];
        var headerDamage = SegmentHeader.Check(header[..reader.ReadAt(0, header)], firstOffset);

        var records = 0L;
        var validLength = Math.Min(fileLength, SegmentHeader.Size);
        string? damage = null;
        while (damage is null)
        {
            var status = reader.ReadNext(fileLength, mayRefill: true, out var frame);
            if (status == FrameStatus.End) break;
            var expectedOffset = firstOffset + records;
            damage = status switch
            {
                FrameStatus.Record when frame.Offset != expectedOffset => $"record at byte {frame.Position} has offset {frame.Offset}, expected {expectedOffset}",
                FrameStatus.Record when !frame.HasValidChecksum => $"record at byte {frame.Position} fails its checksum",
                FrameStatus.Record => null,
                FrameStatus.BadLength => $"record at byte {reader.Position} has an impossible length",
                _ => $"record at byte {reader.Position} is incomplete (file ends at byte {fileLength})",
            };
            if (damage is not null) break;
            records++;
            validLength = reader.Position;
        }
        return new SegmentScan(path, firstOffset, fileLength, headerDamage, records, validLength, damage);
    }
}
