using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Log;
using OllyStack.Storage.Index;
using OllyStack.Storage.Logs;
using OllyStack.Testing;

namespace OllyStack.Storage.Tests.Logs;

/// <summary>The logs storage writer applies the log's logs topic to the tenants' heads, flushes them to parts and commits what parts hold.</summary>
public sealed class LogsStorageWriterTests : IDisposable
{
    private const long Second = 1_000_000_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-logs-writer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private LogsStore OpenStore(TimeSpan? flushInterval = null) => LogsStore.Open(new LogsStoreOptions
    {
        Directory = Path.Combine(_directory, "logs"),
        FlushInterval = flushInterval ?? TimeSpan.FromHours(1),
    });

    private WriteAheadLog OpenLog() => WriteAheadLog.Open(new WriteAheadLogOptions { Directory = Path.Combine(_directory, "wal"), Fsync = false });

    private static async Task<long> AppendAsync(WriteAheadLog log, TelemetryBatch batch)
    {
        using (batch) return await log.AppendAsync(LogTopics.Logs, BatchCodec.ToArray(batch));
    }

    private static List<StoredLogEntry> ReadAll(LogsStore store, string tenant) =>
        [.. store.Find(tenant)!.Read(new LogSelection([new LabelMatcher(LabelMatchType.Regex, "service_name", ".+")], 0, long.MaxValue, false, []), CancellationToken.None)];

    [Fact]
    public async Task RecordsLandInTheirTenantsStreamsWithTheirColumns()
    {
        await using var log = OpenLog();
        using var store = OpenStore();
        await using var writer = new LogsStorageWriter(log, store);

        await AppendAsync(log, LogBatches.Of("acme", "service.name=checkout,host.name=h1",
            new LogRecordSpec(1 * Second, "payment failed", 17, "Error", "order.id=42") { TraceId = new TraceId(7, 8), SpanId = new SpanId(9) },
            new LogRecordSpec(2 * Second, "payment ok")));
        var end = await AppendAsync(log, LogBatches.Of("globex", "service.name=web", new LogRecordSpec(1 * Second, "hello")));
        await writer.WaitUntilAppliedAsync(end + 1, TestTimeout.Token);

        var acme = ReadAll(store, "acme");
        Assert.Equal(["{host_name=\"h1\", level=\"error\", service_name=\"checkout\"}", "{host_name=\"h1\", level=\"info\", service_name=\"checkout\"}"],
            acme.Select(e => e.Stream.Key));
        var failed = acme[0].Row;
        Assert.Equal(("payment failed", 17, "Error", new TraceId(7, 8), new SpanId(9)), (failed.Body, failed.SeverityNumber, failed.SeverityText, failed.TraceId, failed.SpanId));
        Assert.Equal([new("order_id", "42"), new(LogRecordDecoder.ScopeName, "test.scope")], failed.Attributes);
        Assert.Equal(1 * Second + 1000, failed.ObservedTimeUnixNano);
        Assert.Equal(["hello"], ReadAll(store, "globex").Select(e => e.Row.Body));
    }

    [Fact]
    public async Task ARestartedWriterRebuildsTheHeadFromTheUncommittedLog()
    {
        await using (var log = OpenLog())
        {
            await AppendAsync(log, LogBatches.Of("acme", "service.name=api", new LogRecordSpec(1 * Second, "one"), new LogRecordSpec(2 * Second, "two")));
        }

        await using var reopened = OpenLog();
        using var store = OpenStore();
        await using var writer = new LogsStorageWriter(reopened, store);
        await writer.WaitUntilAppliedAsync(reopened.GetEndOffset(LogTopics.Logs), TestTimeout.Token);

        Assert.Equal(["one", "two"], ReadAll(store, "acme").Select(e => e.Row.Body));
    }

    [Fact]
    public async Task AFlushCommitsTheLogSoARestartReadsPartsInsteadOfReplaying()
    {
        await using (var log = OpenLog())
        {
            using var store = OpenStore();
            await using var writer = new LogsStorageWriter(log, store);
            var end = await AppendAsync(log, LogBatches.Of("acme", "service.name=api", new LogRecordSpec(1 * Second, "flushed on stop")));
            await writer.WaitUntilAppliedAsync(end + 1, TestTimeout.Token);
        }

        await using var reopened = OpenLog();
        await using var consumer = reopened.OpenConsumer(LogTopics.Logs, LogsStorageWriter.Group);
        Assert.Equal(reopened.GetEndOffset(LogTopics.Logs), consumer.CommittedOffset);
        using var reopenedStore = OpenStore();
        Assert.Equal(["flushed on stop"], ReadAll(reopenedStore, "acme").Select(e => e.Row.Body));
    }

    [Fact]
    public async Task RecordsAPartHoldsAreNotAppliedAgainWhenTheCommitWasLostInACrash()
    {
        await using var log = OpenLog();
        var first = await AppendAsync(log, LogBatches.Of("acme", "service.name=api", new LogRecordSpec(1 * Second, "in a part before the crash")));
        await AppendAsync(log, LogBatches.Of("globex", "service.name=web", new LogRecordSpec(1 * Second, "other tenant, only in the log")));
        using (var crashed = OpenStore())
        {
            // What a writer does up to the crash: the acme record applied and flushed, the commit never made.
            var acme = crashed.For("acme");
            acme.Append([new StoredLogEntry(acme.Intern([new("service_name", "api")]), new LogRow(1 * Second, 0, 0, "", "in a part before the crash", [], default, default, 0))]);
            crashed.Flush(logEnd: first + 1);
        }

        using var store = OpenStore();
        await using var writer = new LogsStorageWriter(log, store);
        await writer.WaitUntilAppliedAsync(log.GetEndOffset(LogTopics.Logs), TestTimeout.Token);

        Assert.Equal(["in a part before the crash"], ReadAll(store, "acme").Select(e => e.Row.Body));
        Assert.Equal(["other tenant, only in the log"], ReadAll(store, "globex").Select(e => e.Row.Body));
    }

    [Fact]
    public async Task TheHeadIsFlushedOnItsIntervalWhileTheWriterRuns()
    {
        await using var log = OpenLog();
        using var store = OpenStore(TimeSpan.FromMilliseconds(50));
        await using var writer = new LogsStorageWriter(log, store);

        var end = await AppendAsync(log, LogBatches.Of("acme", "service.name=api", new LogRecordSpec(1 * Second, "soon in a part")));
        await writer.WaitUntilAppliedAsync(end + 1, TestTimeout.Token);
        while (store.Find("acme")!.Parts.Count == 0) await Task.Delay(10, TestTimeout.Token);

        Assert.Equal(0, store.HeadRecords);
        Assert.Equal(["soon in a part"], ReadAll(store, "acme").Select(e => e.Row.Body));
    }
}
