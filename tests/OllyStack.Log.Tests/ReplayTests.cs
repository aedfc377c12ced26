namespace OllyStack.Log.Tests;

public sealed class ReplayTests : IDisposable
{
    private const string Topic = "metrics";
    private const int PayloadBytes = 32;
    private const int RecordBytes = TemporaryWal.RecordHeaderBytes + PayloadBytes;

    private readonly TemporaryWal wal = new();

    public void Dispose() => wal.Dispose();

    [Fact]
    public async Task TornTailIsTruncatedOnReplay()
    {
        var segment = await WriteRecordsAsync(5);
        TemporaryWal.Truncate(segment, new FileInfo(segment).Length - 10);

        await AssertTailCutAfterAsync(recordsKept: 4, truncatedBytes: RecordBytes - 10);
    }

    [Fact]
    public async Task CorruptChecksumInTailIsTruncatedOnReplay()
    {
        var segment = await WriteRecordsAsync(5);
        TemporaryWal.FlipByte(segment, new FileInfo(segment).Length - 1);

        await AssertTailCutAfterAsync(recordsKept: 4, truncatedBytes: RecordBytes);
    }

    [Fact]
    public async Task GarbageAfterTheLastRecordIsTruncatedOnReplay()
    {
        var segment = await WriteRecordsAsync(5);
        TemporaryWal.AppendBytes(segment, [0x10, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 3]);

        await AssertTailCutAfterAsync(recordsKept: 5, truncatedBytes: 11);
    }

    [Fact]
    public async Task ZeroFilledTailIsTruncatedOnReplay()
    {
        var segment = await WriteRecordsAsync(3);
        TemporaryWal.AppendBytes(segment, new byte[4096]);

        await AssertTailCutAfterAsync(recordsKept: 3, truncatedBytes: 4096);
    }

    [Fact]
    public async Task RecordWithTheWrongOffsetEndsTheValidPart()
    {
        var segment = await WriteRecordsAsync(5);
        var lastRecord = File.ReadAllBytes(segment)[^RecordBytes..];
        TemporaryWal.AppendBytes(segment, lastRecord);

        await AssertTailCutAfterAsync(recordsKept: 5, truncatedBytes: RecordBytes);
    }

    [Fact]
    public async Task TornHeaderOfAnEmptyLastSegmentIsRemovedOnReplay()
    {
        await WriteRecordsAsync(3);
        var torn = Path.Combine(wal.TopicDirectory(Topic), TemporaryWal.SegmentName(3));
        File.WriteAllBytes(torn, "OSWL"u8.ToArray());

        await using var log = wal.Open();

        var replay = Assert.Single(log.ReplayReport.Topics);
        Assert.Equal((3L, 4L, 1), (replay.NextOffset, replay.TruncatedBytes, replay.Segments));
        Assert.False(File.Exists(torn));
        Assert.Equal(3, await log.AppendAsync(Topic, TemporaryWal.Payload(3)));
    }

    [Fact]
    public async Task OffsetsAreNotReusedWhenTheOnlySegmentHasATornHeader()
    {
        Directory.CreateDirectory(wal.TopicDirectory(Topic));
        File.WriteAllBytes(Path.Combine(wal.TopicDirectory(Topic), TemporaryWal.SegmentName(500)), new byte[7]);

        await using var log = wal.Open();

        Assert.Equal(500, log.GetEndOffset(Topic));
        Assert.Equal(500, await log.AppendAsync(Topic, TemporaryWal.Payload(0)));
        Assert.Equal([TemporaryWal.SegmentName(500)], wal.Segments(Topic).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ValidRecordsBehindABadHeaderStopTheOpen()
    {
        var segment = await WriteRecordsAsync(3);
        TemporaryWal.FlipByte(segment, 9);

        var error = Assert.Throws<InvalidDataException>(() => wal.Open());
        Assert.Contains(Path.GetFileName(segment), error.Message);
    }

    [Fact]
    public async Task EmptyLastSegmentIsKeptAndAppendedTo()
    {
        await using (var log = wal.Open(segmentBytes: 128))
        {
            await log.AppendAsync(Topic, TemporaryWal.Payload(0, 100));
            await log.AppendAsync(Topic, TemporaryWal.Payload(1, 100));
        }
        var second = wal.Segments(Topic)[1];
        TemporaryWal.Truncate(second, TemporaryWal.SegmentHeaderBytes);

        await using var reopened = wal.Open(segmentBytes: 128);

        Assert.Equal((1L, 0L), (reopened.ReplayReport.Topics[0].NextOffset, reopened.ReplayReport.Topics[0].TruncatedBytes));
        Assert.Equal(1, await reopened.AppendAsync(Topic, TemporaryWal.Payload(1, 10)));
        Assert.Equal(2, wal.Segments(Topic).Length);
    }

    [Fact]
    public async Task DamagedHeaderOfASealedSegmentStopsTheOpen()
    {
        await using (var log = wal.Open(segmentBytes: 128))
        {
            for (var i = 0; i < 3; i++) await log.AppendAsync(Topic, TemporaryWal.Payload(i, 100));
        }
        var first = wal.Segments(Topic)[0];
        TemporaryWal.FlipByte(first, 0);

        var error = Assert.Throws<InvalidDataException>(() => wal.Open(segmentBytes: 128));
        Assert.Contains(Path.GetFileName(first), error.Message);
    }

    [Fact]
    public async Task MissingDirectoryIsCreatedOnOpen()
    {
        var root = Path.Combine(wal.Root, "not", "yet");
        await using var log = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = root });

        Assert.Empty(log.ReplayReport.Topics);
        Assert.Equal(0, await log.AppendAsync(Topic, TemporaryWal.Payload(0)));
        Assert.True(File.Exists(Path.Combine(root, Topic, TemporaryWal.SegmentName(0))));
    }

    [Fact]
    public async Task ForeignFilesAndDirectoriesAreIgnored()
    {
        await WriteRecordsAsync(2);
        Directory.CreateDirectory(Path.Combine(wal.Root, "Not A Topic"));
        File.WriteAllText(Path.Combine(wal.TopicDirectory(Topic), "notes.txt"), "hello");

        await using var log = wal.Open();

        Assert.Equal(Topic, Assert.Single(log.ReplayReport.Topics).Topic);
        Assert.Equal(2, log.GetEndOffset(Topic));
    }

    private async Task<string> WriteRecordsAsync(int count)
    {
        await using var log = wal.Open();
        for (var i = 0; i < count; i++) await log.AppendAsync(Topic, TemporaryWal.Payload(i, PayloadBytes));
        return wal.Segments(Topic)[^1];
    }

    /// <summary>Reopens, checks the report, that only the kept records are served, and that appends continue after them.</summary>
    private async Task AssertTailCutAfterAsync(int recordsKept, long truncatedBytes)
    {
        await using var log = wal.Open();

        var replay = Assert.Single(log.ReplayReport.Topics);
        Assert.Equal((recordsKept, truncatedBytes), (replay.NextOffset, replay.TruncatedBytes));
        Assert.Equal(truncatedBytes, log.ReplayReport.TruncatedBytes);
        Assert.NotNull(replay.Damage);
        Assert.Equal(TemporaryWal.SegmentHeaderBytes + recordsKept * RecordBytes, new FileInfo(wal.Segments(Topic)[^1]).Length);
        Assert.Equal(recordsKept, await log.AppendAsync(Topic, TemporaryWal.Payload(99, PayloadBytes)));

        await using var consumer = log.OpenConsumer(Topic, "reader");
        var records = await TemporaryWal.ReadAsync(consumer, recordsKept + 1);
        Assert.Equal(Enumerable.Range(0, recordsKept + 1).Select(i => (long)i), records.Select(r => r.Offset));
        Assert.Equal(TemporaryWal.Payload(99, PayloadBytes), records[^1].Payload);
    }
}
