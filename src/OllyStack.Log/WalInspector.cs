using OllyStack.Core.Durability;

namespace OllyStack.Log;

/// <summary>
/// Looks into a write-ahead log directory without changing it: every file is opened read-only, nothing is truncated
/// or deleted, so it is safe on a log another process has open. Backs the <c>ollystack wal inspect</c> command.
/// Unlike replay it verifies every record of every segment.
/// </summary>
public sealed class WalInspector
{
    private WalInspector(string directory) => Directory = directory;

    public string Directory { get; }

    public static WalInspector Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"no write-ahead log directory at {directory}");
        return new WalInspector(directory);
    }

    /// <summary>Names of the topic directories, sorted.</summary>
    public IReadOnlyList<string> ListTopics() =>
        System.IO.Directory.EnumerateDirectories(Directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(LogNames.IsValid)
            .Order(StringComparer.Ordinal)
            .ToList();

    public IReadOnlyList<TopicInspection> InspectAll() => ListTopics().Select(InspectTopic).ToList();

    public TopicInspection InspectTopic(string topic)
    {
        var directory = TopicDirectory(topic);
        using var reader = new SegmentReader();
        var segments = SegmentFileName.List(directory)
            .Select(file => Inspect(SegmentScanner.Scan(reader, file.Path, file.FirstOffset)))
            .ToList();
        var groups = GroupOffsetFile.List(Path.Combine(directory, GroupOffsetFile.DirectoryName))
            .Select(group => InspectGroup(group.Group, group.Path))
            .ToList();
        return new TopicInspection(topic, segments, groups);
    }

    /// <summary>
    /// The valid records of <paramref name="topic"/> from <paramref name="fromOffset"/> on, oldest first. Each payload
    /// is valid until the enumeration moves on. Stops at a torn or corrupt tail of the last segment (it is never
    /// served); damage in an earlier segment throws <see cref="InvalidDataException"/> naming the file and byte.
    /// </summary>
    public IEnumerable<ConsumedRecord> ReadRecords(string topic, long fromOffset = 0)
    {
        var files = SegmentFileName.List(TopicDirectory(topic));
        using var reader = new SegmentReader();
        for (var index = 0; index < files.Count; index++)
        {
            var isLast = index == files.Count - 1;
            if (!isLast && files[index + 1].FirstOffset <= fromOffset) continue;
            var (path, firstOffset) = files[index];
            reader.Open(path, SegmentHeader.Size);
            var fileLength = reader.FileLength;
            if (HeaderDamage(reader, firstOffset) is { } headerDamage)
            {
                if (isLast) yield break;
                throw new InvalidDataException($"segment {path}: {headerDamage}");
            }
            for (var offset = firstOffset; ; offset++)
            {
                var status = reader.ReadNext(fileLength, mayRefill: true, out var frame);
                if (status == FrameStatus.End) break;
                if (status != FrameStatus.Record || frame.Offset != offset || !frame.HasValidChecksum)
                {
                    if (isLast) yield break;
                    throw new InvalidDataException($"corrupt record in segment {path} at byte {(status == FrameStatus.Record ? frame.Position : reader.Position)}");
                }
                if (offset >= fromOffset) yield return new ConsumedRecord(offset, frame.Payload);
            }
        }
    }

    private string TopicDirectory(string topic)
    {
        LogNames.EnsureValid(topic, nameof(topic));
        var directory = Path.Combine(Directory, topic);
        if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"no topic '{topic}' in {Directory}");
        return directory;
    }

    private static string? HeaderDamage(SegmentReader reader, long firstOffset)
    {
        Span<byte> header = stackalloc byte[SegmentHeader.Size];
        return SegmentHeader.Check(header[..reader.ReadAt(0, header)], firstOffset);
    }

    private static SegmentInspection Inspect(SegmentScan scan)
    {
        var damagedAt = scan.HeaderDamage is not null ? 0 : scan.Damage is not null ? scan.ValidLength : (long?)null;
        return new SegmentInspection(
            scan.Path,
            scan.FirstOffset,
            scan.FileLength,
            scan.Records,
            scan.Records > 0 ? scan.FirstOffset : null,
            scan.Records > 0 ? scan.NextOffset - 1 : null,
            damagedAt,
            scan.HeaderDamage ?? scan.Damage);
    }

    private static GroupInspection InspectGroup(string group, string path)
    {
        try
        {
            return new GroupInspection(group, GroupOffsetFile.Read(path), null);
        }
        catch (InvalidDataException error)
        {
            return new GroupInspection(group, null, error.Message);
        }
    }
}
