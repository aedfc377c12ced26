using OllyStack.Core.Durability;
namespace OllyStack.Log;

/// <summary>
/// Recovers one topic directory on open (docs/format/wal.md, "Replay on open"): verifies the last segment, cuts a torn
/// or corrupt tail, removes a last segment whose header never made it to disk, header-checks the sealed segments.
/// </summary>
internal static class TopicReplayer
{
    public sealed record Result(List<Segment> Sealed, SegmentWriter Active, long NextOffset, TopicReplay Report);

    public static Result Replay(string topic, string directory, bool fsync)
    {
        var files = SegmentFileName.List(directory);
        var truncatedBytes = 0L;
        var nextOffsetIfEmpty = 0L;
        string? damage = null;
        SegmentScan? last = null;
        using (var reader = new SegmentReader())
        {
            while (files.Count > 0)
            {
                var scan = SegmentScanner.Scan(reader, files[^1].Path, files[^1].FirstOffset);
                if (scan.HeaderDamage is null)
                {
                    last = scan;
                    break;
                }
                if (scan.Records > 0)
                    throw new InvalidDataException($"segment {scan.Path}: {scan.HeaderDamage}, yet {scan.Records} valid records follow; refusing to guess");
                damage = $"segment {Path.GetFileName(scan.Path)} removed: {scan.HeaderDamage}";
                truncatedBytes += scan.FileLength;
                nextOffsetIfEmpty = scan.FirstOffset;
                File.Delete(scan.Path);
                if (fsync) DirectorySync.Flush(directory);
                files.RemoveAt(files.Count - 1);
            }
            if (last is not null) files.RemoveAt(files.Count - 1);
            CheckSealedHeaders(reader, files);
        }

        var segments = files.Select(file => new Segment(file.Path, file.FirstOffset, new FileInfo(file.Path).Length)).ToList();
        if (last is null)
        {
            var created = SegmentWriter.Create(directory, nextOffsetIfEmpty);
            if (fsync) created.Flush();
            if (fsync) DirectorySync.Flush(directory);
            return Finish(topic, segments, created, nextOffsetIfEmpty, truncatedBytes, damage);
        }
        if (last.Damage is not null)
        {
            damage = $"segment {Path.GetFileName(last.Path)}: {last.Damage}";
            truncatedBytes += last.FileLength - last.ValidLength;
        }
        var active = SegmentWriter.Continue(last.Path, last.FirstOffset, last.ValidLength);
        if (last.Damage is not null) active.TruncateToLength(fsync);
        return Finish(topic, segments, active, last.NextOffset, truncatedBytes, damage);
    }

    private static Result Finish(string topic, List<Segment> sealedSegments, SegmentWriter active, long nextOffset, long truncatedBytes, string? damage)
    {
        var firstOffset = sealedSegments.Count > 0 ? sealedSegments[0].FirstOffset : active.Segment.FirstOffset;
        var report = new TopicReplay(topic, sealedSegments.Count + 1, firstOffset, nextOffset, truncatedBytes, damage);
        return new Result(sealedSegments, active, nextOffset, report);
    }

    private static void CheckSealedHeaders(SegmentReader reader, List<(string Path, long FirstOffset)> sealedFiles)
    {
        Span<byte> header = stackalloc byte[SegmentHeader.Size];
        foreach (var (path, firstOffset) in sealedFiles)
        {
            reader.Open(path, 0);
            var problem = SegmentHeader.Check(header[..reader.ReadAt(0, header)], firstOffset);
            if (problem is not null) throw new InvalidDataException($"sealed segment {path}: {problem}");
        }
    }
}
