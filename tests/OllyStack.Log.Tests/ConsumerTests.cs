namespace OllyStack.Log.Tests;

public sealed class ConsumerTests : IDisposable
{
    private const string Topic = "logs";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TemporaryWal wal = new();

    public void Dispose() => wal.Dispose();

    [Fact]
    public async Task ConsumerGroupsAreIndependentAndTheirCommitsSurviveReopen()
    {
        await using (var log = wal.Open())
        {
            for (var i = 0; i < 10; i++) await log.AppendAsync(Topic, TemporaryWal.Payload(i));
            await using var alerting = log.OpenConsumer(Topic, "alerting");
            await using var storage = log.OpenConsumer(Topic, "storage");

            await TemporaryWal.ReadAsync(alerting, 7);
            await alerting.CommitAsync(7);
            await TemporaryWal.ReadAsync(storage, 3);
            await storage.CommitAsync(3);
            Assert.Equal((7L, 3L), (alerting.CommittedOffset, storage.CommittedOffset));
        }

        await using var reopened = wal.Open();
        await using var alertingAgain = reopened.OpenConsumer(Topic, "alerting");
        await using var storageAgain = reopened.OpenConsumer(Topic, "storage");
        await using var newcomer = reopened.OpenConsumer(Topic, "intelligence");

        Assert.Equal((7L, 7L), (alertingAgain.CommittedOffset, alertingAgain.Position));
        Assert.Equal((3L, 3L), (storageAgain.CommittedOffset, storageAgain.Position));
        Assert.Equal(0, newcomer.Position);
        Assert.Equal(7, (await alertingAgain.ReadAsync(100))[0].Offset);
        Assert.Equal(TemporaryWal.Payload(3), (await storageAgain.ReadAsync(1))[0].Payload.ToArray());
    }

    [Fact]
    public async Task ReadWaitsForALaterAppend()
    {
        await using var log = wal.Open();
        await using var consumer = log.OpenConsumer(Topic, "alerting");

        var read = consumer.ReadAsync(10).AsTask();
        Assert.False(read.IsCompleted);
        await log.AppendAsync(Topic, TemporaryWal.Payload(42));

        var record = Assert.Single(await read.WaitAsync(Patience));
        Assert.Equal(0, record.Offset);
        Assert.Equal(TemporaryWal.Payload(42), record.Payload.ToArray());
    }

    [Fact]
    public async Task ReadHonoursCancellation()
    {
        await using var log = wal.Open();
        await using var consumer = log.OpenConsumer(Topic, "alerting");
        using var cancellation = new CancellationTokenSource();

        var read = consumer.ReadAsync(10, cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(Patience));
    }

    [Fact]
    public async Task WaitingReadFailsWhenTheLogCloses()
    {
        var log = wal.Open();
        await using var consumer = log.OpenConsumer(Topic, "alerting");

        var read = consumer.ReadAsync(10).AsTask();
        await log.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => read.WaitAsync(Patience));
    }

    [Fact]
    public async Task ReadReturnsAtMostMaxRecordsAndContinuesWhereItStopped()
    {
        await using var log = wal.Open();
        for (var i = 0; i < 10; i++) await log.AppendAsync(Topic, TemporaryWal.Payload(i));
        await using var consumer = log.OpenConsumer(Topic, "storage");

        Assert.Equal([0L, 1L, 2L], (await consumer.ReadAsync(3)).Select(r => r.Offset));
        Assert.Equal(3, consumer.Position);
        Assert.Equal([3L, 4L, 5L, 6L, 7L, 8L, 9L], (await consumer.ReadAsync(100)).Select(r => r.Offset));
    }

    [Fact]
    public async Task SeekRereadsFromAnyRetainedOffset()
    {
        await using var log = wal.Open(segmentBytes: 256);
        for (var i = 0; i < 20; i++) await log.AppendAsync(Topic, TemporaryWal.Payload(i));
        await using var consumer = log.OpenConsumer(Topic, "storage");
        await TemporaryWal.ReadAsync(consumer, 20);

        consumer.Seek(13);
        var record = (await consumer.ReadAsync(1))[0];

        Assert.Equal(13, record.Offset);
        Assert.Equal(TemporaryWal.Payload(13), record.Payload.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => consumer.Seek(21));
    }

    [Fact]
    public async Task CorruptRecordInASealedSegmentMakesReadThrowNamingTheFile()
    {
        await using (var log = wal.Open(segmentBytes: 256))
        {
            for (var i = 0; i < 20; i++) await log.AppendAsync(Topic, TemporaryWal.Payload(i));
        }
        var sealedSegment = wal.Segments(Topic)[1];
        var secondRecordPayload = TemporaryWal.SegmentHeaderBytes + TemporaryWal.RecordHeaderBytes + 32 + TemporaryWal.RecordHeaderBytes;
        TemporaryWal.FlipByte(sealedSegment, secondRecordPayload);

        await using var reopened = wal.Open(segmentBytes: 256);
        await using var consumer = reopened.OpenConsumer(Topic, "storage");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => TemporaryWal.ReadAsync(consumer, 20));

        Assert.Contains(sealedSegment, error.Message);
        Assert.Contains($"byte {TemporaryWal.SegmentHeaderBytes + TemporaryWal.RecordHeaderBytes + 32}", error.Message);
    }

    [Fact]
    public async Task DamagedGroupOffsetFileIsRejectedNotReset()
    {
        await using (var log = wal.Open())
        {
            await log.AppendAsync(Topic, TemporaryWal.Payload(0));
            await using var consumer = log.OpenConsumer(Topic, "storage");
            await consumer.CommitAsync(1);
        }
        var offsetFile = Path.Combine(wal.TopicDirectory(Topic), "groups", "storage.offset");
        TemporaryWal.FlipByte(offsetFile, 8);

        var error = Assert.Throws<InvalidDataException>(() => wal.Open());
        Assert.Contains(offsetFile, error.Message);
    }

    [Fact]
    public async Task CommitBeyondTheDurableEndIsRejected()
    {
        await using var log = wal.Open();
        await log.AppendAsync(Topic, TemporaryWal.Payload(0));
        await using var consumer = log.OpenConsumer(Topic, "storage");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await consumer.CommitAsync(2));
    }

    [Fact]
    public async Task ReadKeepsUpWithConcurrentAppendsAcrossSegments()
    {
        const int count = 500;
        await using var log = wal.Open(segmentBytes: 4096, fsync: false);
        await using var consumer = log.OpenConsumer(Topic, "alerting");

        var reading = TemporaryWal.ReadAsync(consumer, count);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < count / 4; i++) await log.AppendAsync(Topic, TemporaryWal.Payload(writer));
        })));
        var records = await reading.WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), records.Select(r => r.Offset));
    }
}
