using OllyStack.Testing;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Log;
using OllyStack.Storage.Index;
using OllyStack.Storage.Metrics;

namespace OllyStack.Storage.Tests.Metrics;

/// <summary>The storage writer applies the log's metrics topic to the tenants' heads, flushes them to parts and commits what parts hold.</summary>
public sealed class MetricsStorageWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-storage-writer-").FullName;

    private string WalDirectory => Path.Combine(_directory, "wal");

    private MetricsStore OpenStore(TimeSpan? flushInterval = null) => MetricsStore.Open(new MetricsStoreOptions
    {
        Directory = Path.Combine(_directory, "metrics"),
        FlushInterval = flushInterval ?? TimeSpan.FromHours(1),
    });

    private WriteAheadLog OpenLog() => WriteAheadLog.Open(new WriteAheadLogOptions { Directory = WalDirectory, Fsync = false });

    [Fact]
    public async Task AppendedBatchesBecomeQueryablePerTenant()
    {
        await using var log = OpenLog();
        await using var store = OpenStore();
        await using var writer = new MetricsStorageWriter(log, store);

        await AppendAsync(log, MetricBatches.Of("acme", ("__name__=up,job=node", 1000, 1)));
        var end = await AppendAsync(log, MetricBatches.Of("globex", ("__name__=up,job=node", 1000, 0), ("__name__=up,job=api", 1000, 1)));
        await writer.WaitUntilAppliedAsync(end + 1, TestTimeout.Token);

        Assert.Equal(1, store.Find("acme")!.Head.SeriesCount);
        Assert.Equal(2, store.Find("globex")!.Head.SeriesCount);
        Assert.Null(store.Find("initech"));
    }

    [Fact]
    public async Task ARestartedWriterRebuildsTheHeadsFromTheUncommittedLog()
    {
        await using (var log = OpenLog())
        {
            await AppendAsync(log, MetricBatches.Of("acme", ("__name__=up,job=node", 1000, 1), ("__name__=up,job=node", 2000, 1)));
        }

        await using var reopened = OpenLog();
        await using var store = OpenStore();
        await using var writer = new MetricsStorageWriter(reopened, store);
        await writer.WaitUntilAppliedAsync(reopened.GetEndOffset(LogTopics.Metrics), TestTimeout.Token);

        var head = store.Find("acme")!.Head;
        var series = Assert.Single(head.Select([new LabelMatcher(LabelMatchType.Equal, "job", "node")]));
        Assert.Equal(2, head.SeriesAt(series).Count);
    }

    [Fact]
    public async Task AFlushCommitsTheLogSoARestartReadsPartsInsteadOfReplaying()
    {
        long end;
        await using (var log = OpenLog())
        await using (var store = OpenStore(flushInterval: TimeSpan.Zero))
        await using (var writer = new MetricsStorageWriter(log, store))
        {
            end = await AppendAsync(log, MetricBatches.Of("acme", ("__name__=up,job=node", 1000, 1), ("__name__=up,job=node", 2000, 0)));
            await writer.WaitUntilAppliedAsync(end + 1, TestTimeout.Token);
            await PollAsync(() => store.Find("acme")!.Parts.Current.Count > 0);
        }

        await using var reopened = OpenLog();
        await using var reopenedStore = OpenStore();
        await using var consumer = reopened.OpenConsumer(LogTopics.Metrics, MetricsStorageWriter.Group);

        Assert.Equal(end + 1, consumer.CommittedOffset);
        var tenant = reopenedStore.Find("acme")!;
        var series = Assert.Single(tenant.Head.Select([new LabelMatcher(LabelMatchType.Equal, "job", "node")]));
        var samples = Assert.Single(tenant.Read([series], 0, 10_000));
        Assert.Equal([1000L, 2000L], samples.Timestamps.ToArray());
        Assert.Equal([1.0, 0.0], samples.Values.ToArray());
    }

    [Fact]
    public async Task StoppingTheWriterFlushesSoNothingIsLeftToReplay()
    {
        await using (var log = OpenLog())
        await using (var store = OpenStore())
        await using (var writer = new MetricsStorageWriter(log, store))
        {
            var end = await AppendAsync(log, MetricBatches.Of("acme", ("__name__=up,job=node", 1000, 1)));
            await writer.WaitUntilAppliedAsync(end + 1, TestTimeout.Token);
            Assert.Empty(store.Find("acme")!.Parts.Current);
        }

        await using var reopened = OpenLog();
        await using var reopenedStore = OpenStore();
        await using var consumer = reopened.OpenConsumer(LogTopics.Metrics, MetricsStorageWriter.Group);
        Assert.Equal(reopened.GetEndOffset(LogTopics.Metrics), consumer.CommittedOffset);
        Assert.Equal(1, Assert.Single(reopenedStore.Find("acme")!.Parts.Current).Header.SampleCount);
    }

    [Fact]
    public async Task ARecordThatIsNotABatchStopsTheWriterWithTheReason()
    {
        await using var log = OpenLog();
        await using var store = OpenStore();
        await using var writer = new MetricsStorageWriter(log, store);

        var offset = await log.AppendAsync(LogTopics.Metrics, "not a batch"u8.ToArray());

        await Assert.ThrowsAsync<InvalidDataException>(() => writer.WaitUntilAppliedAsync(offset + 1, TestTimeout.Token));
        Assert.IsType<InvalidDataException>(writer.Failure);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<long> AppendAsync(WriteAheadLog log, TelemetryBatch batch)
    {
        using (batch) return await log.AppendAsync(LogTopics.Metrics, BatchCodec.ToArray(batch));
    }

    private static async Task PollAsync(Func<bool> condition)
    {
        var timeout = TestTimeout.Token;
        while (!condition()) await Task.Delay(10, timeout);
    }
}
