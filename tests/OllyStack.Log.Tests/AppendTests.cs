using System.Buffers.Binary;
using OllyStack.Core.Durability;

namespace OllyStack.Log.Tests;

public sealed class AppendTests : IDisposable
{
    private readonly TemporaryWal wal = new();

    public void Dispose() => wal.Dispose();

    [Fact]
    public async Task AppendedRecordsAreReadBackInOrderWithTheirOffsets()
    {
        await using var log = wal.Open();
        for (var i = 0; i < 10; i++) Assert.Equal(i, await log.AppendAsync(LogTopics.Metrics, TemporaryWal.Payload(i)));
        Assert.Equal(10, log.GetEndOffset(LogTopics.Metrics));

        await using var consumer = log.OpenConsumer(LogTopics.Metrics, "storage");
        var records = await TemporaryWal.ReadAsync(consumer, 10);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), records.Select(r => r.Offset));
        for (var i = 0; i < 10; i++) Assert.Equal(TemporaryWal.Payload(i), records[i].Payload);
    }

    [Fact]
    public async Task SegmentFileMatchesTheDocumentedLayout()
    {
        await using (var log = wal.Open()) await log.AppendAsync("logs", "abc"u8.ToArray());

        var bytes = File.ReadAllBytes(Path.Combine(wal.TopicDirectory("logs"), TemporaryWal.SegmentName(0)));

        Assert.Equal(TemporaryWal.SegmentHeaderBytes + TemporaryWal.RecordHeaderBytes + 3, bytes.Length);
        Assert.Equal("OSWL"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, bytes[4]);
        Assert.Equal(0L, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(Crc32C.Compute(bytes.AsSpan(0, 16)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)));
        var record = bytes.AsSpan(TemporaryWal.SegmentHeaderBytes);
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(record));
        Assert.Equal(Crc32C.Compute(record[8..]), BinaryPrimitives.ReadUInt32LittleEndian(record[4..]));
        Assert.Equal(0L, BinaryPrimitives.ReadInt64LittleEndian(record[8..]));
        Assert.Equal("abc"u8.ToArray(), record[16..].ToArray());
    }

    [Fact]
    public async Task ConcurrentAppendsShareFsyncsAndGetDistinctDenseOffsets()
    {
        const int appenders = 64;
        const int appendsEach = 40;
        await using var log = wal.Open();

        var offsets = await Task.WhenAll(Enumerable.Range(0, appenders).Select(appender => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var i = 0; i < appendsEach; i++) mine.Add(await log.AppendAsync(LogTopics.Traces, TemporaryWal.Payload(appender)));
            return mine;
        })));

        Assert.Equal(Enumerable.Range(0, appenders * appendsEach).Select(i => (long)i), offsets.SelectMany(o => o).Order());
        Assert.InRange(log.FsyncCount(LogTopics.Traces), 1, appenders * appendsEach - 1);
        foreach (var mine in offsets) Assert.Equal(mine.Order(), mine);
    }

    [Fact]
    public async Task CallerMayReuseItsBufferOnceAppendReturns()
    {
        await using var log = wal.Open();
        var buffer = new byte[16];
        var appends = new List<Task<long>>();
        for (var i = 0; i < 20; i++)
        {
            Array.Fill(buffer, (byte)i);
            appends.Add(log.AppendAsync("logs", buffer).AsTask());
        }
        await Task.WhenAll(appends);

        await using var consumer = log.OpenConsumer("logs", "reader");
        var records = await TemporaryWal.ReadAsync(consumer, 20);

        for (var i = 0; i < 20; i++) Assert.All(records[i].Payload, b => Assert.Equal((byte)i, b));
    }

    [Fact]
    public async Task ReopeningReplaysAndContinuesOffsets()
    {
        await using (var log = wal.Open())
        {
            for (var i = 0; i < 10; i++) await log.AppendAsync("logs", TemporaryWal.Payload(i));
        }

        await using var reopened = wal.Open();
        var replay = Assert.Single(reopened.ReplayReport.Topics);
        Assert.Equal(("logs", 0L, 10L, 10L, 0L), (replay.Topic, replay.FirstOffset, replay.NextOffset, replay.Records, replay.TruncatedBytes));
        Assert.Equal(10, reopened.GetEndOffset("logs"));
        Assert.Equal(10, await reopened.AppendAsync("logs", TemporaryWal.Payload(10)));

        await using var consumer = reopened.OpenConsumer("logs", "reader");
        var records = await TemporaryWal.ReadAsync(consumer, 11);
        for (var i = 0; i <= 10; i++) Assert.Equal(TemporaryWal.Payload(i), records[i].Payload);
    }

    [Fact]
    public async Task DisposeWritesEverythingAlreadyQueued()
    {
        List<Task<long>> appends;
        await using (var log = wal.Open())
        {
            appends = Enumerable.Range(0, 200).Select(i => log.AppendAsync("logs", TemporaryWal.Payload(i)).AsTask()).ToList();
        }

        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), await Task.WhenAll(appends));
        await using var reopened = wal.Open();
        Assert.Equal(200, reopened.GetEndOffset("logs"));
    }

    [Fact]
    public async Task AppendAfterDisposeIsRefused()
    {
        var log = wal.Open();
        await log.AppendAsync("logs", TemporaryWal.Payload(0));
        await log.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await log.AppendAsync("logs", TemporaryWal.Payload(1)));
    }

    [Fact]
    public async Task SegmentsRollAtSegmentBytesAndReadsCrossSegmentBoundaries()
    {
        const int payloadBytes = 100;
        const int segmentBytes = 1024;
        const int recordsPerSegment = (segmentBytes - TemporaryWal.SegmentHeaderBytes) / (TemporaryWal.RecordHeaderBytes + payloadBytes);
        await using var log = wal.Open(segmentBytes: segmentBytes);
        for (var i = 0; i < 10; i++) await log.AppendAsync("logs", TemporaryWal.Payload(i, payloadBytes));
        await Task.WhenAll(Enumerable.Range(10, 20).Select(i => log.AppendAsync("logs", TemporaryWal.Payload(i, payloadBytes)).AsTask()));

        var segments = wal.Segments("logs");
        Assert.Equal(
            Enumerable.Range(0, 4).Select(n => TemporaryWal.SegmentName(n * recordsPerSegment)),
            segments.Select(Path.GetFileName));
        Assert.All(segments, segment => Assert.InRange(new FileInfo(segment).Length, 0, segmentBytes));

        await using var consumer = log.OpenConsumer("logs", "reader");
        var records = await TemporaryWal.ReadAsync(consumer, 30);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), records.Select(r => r.Offset));
        for (var i = 0; i < 30; i++) Assert.Equal(TemporaryWal.Payload(i, payloadBytes), records[i].Payload);
    }

    [Fact]
    public async Task RecordLargerThanSegmentBytesGetsASegmentOfItsOwn()
    {
        await using var log = wal.Open(segmentBytes: 1024);
        await log.AppendAsync("logs", TemporaryWal.Payload(0, 100));
        await log.AppendAsync("logs", TemporaryWal.Payload(1, 5000));
        await log.AppendAsync("logs", TemporaryWal.Payload(2, 100));

        Assert.Equal(
            [TemporaryWal.SegmentName(0), TemporaryWal.SegmentName(1), TemporaryWal.SegmentName(2)],
            wal.Segments("logs").Select(Path.GetFileName));
        await using var consumer = log.OpenConsumer("logs", "reader");
        var records = await TemporaryWal.ReadAsync(consumer, 3);
        Assert.Equal(TemporaryWal.Payload(1, 5000), records[1].Payload);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Metrics")]
    [InlineData("../escape")]
    [InlineData("a b")]
    public async Task TopicNamesThatAreNotSafeFileNamesAreRejected(string topic)
    {
        await using var log = wal.Open();
        Assert.Throws<ArgumentException>(() => log.AppendAsync(topic, TemporaryWal.Payload(0)));
    }
}
