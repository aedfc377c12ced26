namespace OllyStack.Log.Tests;

public sealed class RetentionTests : IDisposable
{
    private const string Topic = "metrics";
    private const int SegmentBytes = 256;

    /// <summary>32-byte payloads make 48-byte records: (256 - 20) / 48 = 4 records per segment.</summary>
    private const int RecordsPerSegment = 4;

    private readonly TemporaryWal wal = new();

    public void Dispose() => wal.Dispose();

    [Fact]
    public async Task RetentionDeletesOnlySealedSegmentsEveryGroupHasConsumed()
    {
        await using var log = await OpenWithRecordsAsync(20);
        await using var fast = log.OpenConsumer(Topic, "alerting");
        await using var slow = log.OpenConsumer(Topic, "storage");
        Assert.Equal(5, wal.Segments(Topic).Length);

        await fast.CommitAsync(20);
        Assert.Equal(5, wal.Segments(Topic).Length);

        await slow.CommitAsync(9);
        Assert.Equal(
            [TemporaryWal.SegmentName(8), TemporaryWal.SegmentName(12), TemporaryWal.SegmentName(16)],
            wal.Segments(Topic).Select(Path.GetFileName));

        await slow.CommitAsync(20);
        Assert.Equal([TemporaryWal.SegmentName(16)], wal.Segments(Topic).Select(Path.GetFileName));
    }

    [Fact]
    public async Task TopicWithoutGroupsKeepsEverySegment()
    {
        await using (await OpenWithRecordsAsync(20)) { }

        await using var reopened = wal.Open(segmentBytes: SegmentBytes);
        Assert.Equal(5, wal.Segments(Topic).Length);
        Assert.Equal(0, reopened.ReplayReport.Topics[0].FirstOffset);
    }

    [Fact]
    public async Task ConsumerOfANewGroupStartsAtTheOldestRetainedOffset()
    {
        await using var log = await OpenWithRecordsAsync(20);
        await using (var only = log.OpenConsumer(Topic, "alerting")) await only.CommitAsync(18);

        await using var late = log.OpenConsumer(Topic, "storage");

        Assert.Equal(4 * RecordsPerSegment, late.Position);
        Assert.Equal(16, (await late.ReadAsync(1))[0].Offset);
        Assert.Throws<ArgumentOutOfRangeException>(() => late.Seek(3));
    }

    [Fact]
    public async Task RetentionKeepsDeletingAsTheLogGrows()
    {
        await using var log = wal.Open(segmentBytes: SegmentBytes);
        await using var consumer = log.OpenConsumer(Topic, "storage");
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 10; i++) await log.AppendAsync(Topic, TemporaryWal.Payload(i));
            var records = await TemporaryWal.ReadAsync(consumer, 10);
            await consumer.CommitAsync(records[^1].Offset + 1);
        }

        Assert.Single(wal.Segments(Topic));
    }

    private async Task<WriteAheadLog> OpenWithRecordsAsync(int count)
    {
        var log = wal.Open(segmentBytes: SegmentBytes);
        for (var i = 0; i < count; i++) await log.AppendAsync(Topic, TemporaryWal.Payload(i));
        return log;
    }
}
