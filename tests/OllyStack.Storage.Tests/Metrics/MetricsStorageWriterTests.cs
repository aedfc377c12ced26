using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Log;
using OllyStack.Storage.Index;
using OllyStack.Storage.Metrics;

namespace OllyStack.Storage.Tests.Metrics;

/// <summary>The storage writer applies the log's metrics topic to the tenants' heads, and rebuilds them by replay.</summary>
public sealed class MetricsStorageWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-storage-writer-").FullName;

    [Fact]
    public async Task AppendedBatchesBecomeQueryablePerTenant()
    {
        await using var log = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = _directory, Fsync = false });
        var store = new MetricsStore(new MetricsStoreOptions());
        await using var writer = new MetricsStorageWriter(log, store);

        await AppendAsync(log, MetricBatches.Of("acme", ("__name__=up,job=node", 1000, 1)));
        var end = await AppendAsync(log, MetricBatches.Of("globex", ("__name__=up,job=node", 1000, 0), ("__name__=up,job=api", 1000, 1)));
        await writer.WaitUntilAppliedAsync(end + 1, TestContext.Timeout);

        Assert.Equal(1, store.Find("acme")!.SeriesCount);
        Assert.Equal(2, store.Find("globex")!.SeriesCount);
        Assert.Null(store.Find("initech"));
    }

    [Fact]
    public async Task ARestartedWriterRebuildsTheHeadsFromTheLog()
    {
        await using (var log = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = _directory, Fsync = false }))
        {
            await AppendAsync(log, MetricBatches.Of("acme", ("__name__=up,job=node", 1000, 1), ("__name__=up,job=node", 2000, 1)));
        }

        await using var reopened = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = _directory, Fsync = false });
        var store = new MetricsStore(new MetricsStoreOptions());
        await using var writer = new MetricsStorageWriter(reopened, store);
        await writer.WaitUntilAppliedAsync(reopened.GetEndOffset(LogTopics.Metrics), TestContext.Timeout);

        var head = store.Find("acme")!;
        var series = Assert.Single(head.Select([new LabelMatcher(LabelMatchType.Equal, "job", "node")]));
        Assert.Equal(2, head.SeriesAt(series).Count);
    }

    [Fact]
    public async Task ARecordThatIsNotABatchStopsTheWriterWithTheReason()
    {
        await using var log = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = _directory, Fsync = false });
        var store = new MetricsStore(new MetricsStoreOptions());
        await using var writer = new MetricsStorageWriter(log, store);

        var offset = await log.AppendAsync(LogTopics.Metrics, "not a batch"u8.ToArray());

        await Assert.ThrowsAsync<InvalidDataException>(() => writer.WaitUntilAppliedAsync(offset + 1, TestContext.Timeout));
        Assert.IsType<InvalidDataException>(writer.Failure);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<long> AppendAsync(WriteAheadLog log, TelemetryBatch batch)
    {
        using (batch) return await log.AppendAsync(LogTopics.Metrics, BatchCodec.ToArray(batch));
    }

    private static class TestContext
    {
        public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    }
}
