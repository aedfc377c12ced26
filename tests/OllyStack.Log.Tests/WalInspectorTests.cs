namespace OllyStack.Log.Tests;

public sealed class WalInspectorTests : IDisposable
{
    private const string Topic = "traces";

    private readonly TemporaryWal wal = new();

    public void Dispose() => wal.Dispose();

    [Fact]
    public async Task InspectorReportsSegmentsRecordsAndGroups()
    {
        await WriteAsync(10, commit: 3);

        var topic = Assert.Single(WalInspector.Open(wal.Root).InspectAll());

        Assert.Equal((Topic, 10L, 10L), (topic.Topic, topic.Records, topic.NextOffset));
        Assert.Equal([0L, 4L, 8L], topic.Segments.Select(s => s.FirstOffset));
        Assert.Equal([4L, 4L, 2L], topic.Segments.Select(s => s.Records));
        Assert.Equal((8L, 9L), (topic.Segments[2].FirstRecordOffset, topic.Segments[2].LastRecordOffset));
        Assert.All(topic.Segments, s => Assert.False(s.IsDamaged));
        Assert.Equal(new GroupInspection("storage", 3, null), Assert.Single(topic.Groups));
    }

    [Fact]
    public async Task InspectorReportsATornTailWithoutModifyingFiles()
    {
        await WriteAsync(10, commit: 0);
        var last = wal.Segments(Topic)[^1];
        var tornLength = new FileInfo(last).Length - 5;
        TemporaryWal.Truncate(last, tornLength);
        var before = Snapshot();

        var inspection = WalInspector.Open(wal.Root).InspectTopic(Topic);
        var records = WalInspector.Open(wal.Root).ReadRecords(Topic).Select(r => r.Offset).ToList();

        var segment = inspection.Segments[^1];
        Assert.True(segment.IsDamaged);
        Assert.Equal((1L, TemporaryWal.SegmentHeaderBytes + 43L), (segment.Records, segment.DamagedAtByte));
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), records);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task InspectorEnumeratesRecordsFromAnOffset()
    {
        await WriteAsync(10, commit: 0);

        var records = WalInspector.Open(wal.Root).ReadRecords(Topic, fromOffset: 6)
            .Select(r => (r.Offset, Payload: r.Payload.ToArray()))
            .ToList();

        Assert.Equal([6L, 7L, 8L, 9L], records.Select(r => r.Offset));
        Assert.All(records, r => Assert.Equal(TemporaryWal.Payload((int)r.Offset, 27), r.Payload));
    }

    [Fact]
    public async Task InspectorReportsADamagedGroupOffsetFile()
    {
        await WriteAsync(2, commit: 1);
        var offsetFile = Path.Combine(wal.TopicDirectory(Topic), "groups", "storage.offset");
        TemporaryWal.Truncate(offsetFile, 7);

        var group = Assert.Single(WalInspector.Open(wal.Root).InspectTopic(Topic).Groups);

        Assert.Null(group.CommittedOffset);
        Assert.Contains("storage.offset", group.Damage);
    }

    /// <summary>27-byte payloads make 43-byte records: (200 - 20) / 43 = 4 records per segment.</summary>
    private async Task WriteAsync(int count, long commit)
    {
        await using var log = wal.Open(segmentBytes: 200);
        for (var i = 0; i < count; i++) await log.AppendAsync(Topic, TemporaryWal.Payload(i, 27));
        await using var consumer = log.OpenConsumer(Topic, "storage");
        await consumer.CommitAsync(commit);
    }

    private List<(string Path, long Length, DateTime Written, string Content)> Snapshot() =>
        Directory.EnumerateFiles(wal.Root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (path, new FileInfo(path).Length, File.GetLastWriteTimeUtc(path), Convert.ToBase64String(File.ReadAllBytes(path))))
            .ToList();
}
