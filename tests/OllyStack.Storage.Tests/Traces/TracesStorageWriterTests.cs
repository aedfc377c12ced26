using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Log;
using OllyStack.Storage.Traces;
using OllyStack.Testing;

namespace OllyStack.Storage.Tests.Traces;

/// <summary>The traces storage writer applies the log's traces topic to the tenants' heads, flushes them to parts and commits what parts hold.</summary>
public sealed class TracesStorageWriterTests : IDisposable
{
    private const long Second = 1_000_000_000;
    private static readonly TraceId Trace = new(0x0102030405060708, 0x090a0b0c0d0e0f10);
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-traces-writer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private TracesStore OpenStore(TimeSpan? flushInterval = null) => TracesStore.Open(new TracesStoreOptions
    {
        Directory = Path.Combine(_directory, "traces"),
        FlushInterval = flushInterval ?? TimeSpan.FromHours(1),
    });

    private WriteAheadLog OpenLog() => WriteAheadLog.Open(new WriteAheadLogOptions { Directory = Path.Combine(_directory, "wal"), Fsync = false });

    private static async Task<long> AppendAsync(WriteAheadLog log, TelemetryBatch batch)
    {
        using (batch) return await log.AppendAsync(LogTopics.Traces, BatchCodec.ToArray(batch));
    }

    private static List<string> Names(TracesStore store, string tenant) => [.. store.Find(tenant)!.FindTrace(Trace).Select(s => s.Name)];

    [Fact]
    public async Task SpansLandInTheirTenantWithEveryColumn()
    {
        await using var log = OpenLog();
        using var store = OpenStore();
        await using var writer = new TracesStorageWriter(log, store);

        await AppendAsync(log, SpanBatches.Of("acme", "service.name=checkout,host.cores=8",
            new SpanSpec(Trace, new SpanId(2), "charge", 2 * Second, 300, "http.status_code=402,retry=true")
            {
                ParentSpanId = new SpanId(1),
                Kind = 3,
                StatusCode = 2,
                StatusMessage = "declined",
                Events = [(10, "exception", "exception.type=CardError")],
                Links = [(new TraceId(7, 7), new SpanId(8), "why=batch")],
            }));
        var end = await AppendAsync(log, SpanBatches.Of("globex", "host.name=h1", new SpanSpec(Trace, new SpanId(3), "elsewhere", 1 * Second, 1)));
        await writer.WaitUntilAppliedAsync(end + 1, TestTimeout.Token);

        var span = Assert.Single(store.Find("acme")!.FindTrace(Trace));
        SpanBlockTests.AssertSame(new SpanRow(Trace, new SpanId(2), new SpanId(1), "checkout", "charge", 3, 2 * Second, 300, 1, 2, "declined",
            [new("http.status_code", AnyValueKind.Int, "402"), new("retry", AnyValueKind.Bool, "true")],
            [new SpanEvent(2 * Second + 10, "exception", [SpanAttribute.String("exception.type", "CardError")])],
            [new SpanLink(new TraceId(7, 7), new SpanId(8), [SpanAttribute.String("why", "batch")])],
            [SpanAttribute.String("service.name", "checkout"), new("host.cores", AnyValueKind.Int, "8")], "test.scope", "1.2.3"), span);
        Assert.Equal(SpanRow.UnknownService, Assert.Single(store.Find("globex")!.FindTrace(Trace)).Service);
    }

    [Fact]
    public async Task ARestartedWriterRebuildsTheHeadFromTheUncommittedLog()
    {
        await using (var log = OpenLog())
        {
            await AppendAsync(log, SpanBatches.Of("acme", "service.name=api", new SpanSpec(Trace, new SpanId(1), "one", Second, 1), new SpanSpec(Trace, new SpanId(2), "two", 2 * Second, 1)));
        }

        await using var reopened = OpenLog();
        using var store = OpenStore();
        await using var writer = new TracesStorageWriter(reopened, store);
        await writer.WaitUntilAppliedAsync(reopened.GetEndOffset(LogTopics.Traces), TestTimeout.Token);

        Assert.Equal(["one", "two"], Names(store, "acme"));
    }

    [Fact]
    public async Task SpansAPartHoldsAreNotAppliedAgainWhenTheCommitWasLostInACrash()
    {
        await using var log = OpenLog();
        using (var store = OpenStore())
        await using (var writer = new TracesStorageWriter(log, store))
        {
            var end = await AppendAsync(log, SpanBatches.Of("acme", "service.name=api", new SpanSpec(Trace, new SpanId(1), "stored once", Second, 1)));
            await writer.WaitUntilAppliedAsync(end + 1, TestTimeout.Token);
        }
        // The crash fell between writing the part and committing: the group still starts at the beginning.
        await using (var consumer = log.OpenConsumer(LogTopics.Traces, TracesStorageWriter.Group)) await consumer.CommitAsync(0);

        using var reopened = OpenStore();
        await using var replaying = new TracesStorageWriter(log, reopened);
        await replaying.WaitUntilAppliedAsync(log.GetEndOffset(LogTopics.Traces), TestTimeout.Token);

        Assert.Equal(["stored once"], Names(reopened, "acme"));
    }

    [Fact]
    public async Task AFlushCommitsTheLogSoARestartReadsPartsInsteadOfReplaying()
    {
        await using (var log = OpenLog())
        {
            using var store = OpenStore();
            await using var writer = new TracesStorageWriter(log, store);
            var end = await AppendAsync(log, SpanBatches.Of("acme", "service.name=api", new SpanSpec(Trace, new SpanId(1), "flushed on stop", Second, 1)));
            await writer.WaitUntilAppliedAsync(end + 1, TestTimeout.Token);
        }

        await using var reopened = OpenLog();
        await using var consumer = reopened.OpenConsumer(LogTopics.Traces, TracesStorageWriter.Group);
        Assert.Equal(reopened.GetEndOffset(LogTopics.Traces), consumer.CommittedOffset);
        using var reopenedStore = OpenStore();
        Assert.Equal(["flushed on stop"], Names(reopenedStore, "acme"));
    }

    [Fact]
    public async Task TheHeadIsFlushedOnItsIntervalWhileTheWriterRuns()
    {
        await using var log = OpenLog();
        using var store = OpenStore(TimeSpan.FromMilliseconds(50));
        await using var writer = new TracesStorageWriter(log, store);

        var end = await AppendAsync(log, SpanBatches.Of("acme", "service.name=api", new SpanSpec(Trace, new SpanId(1), "soon in a part", Second, 1)));
        await writer.WaitUntilAppliedAsync(end + 1, TestTimeout.Token);
        while (store.Find("acme")!.Parts.Count == 0) await Task.Delay(10, TestTimeout.Token);

        Assert.Equal(0, store.HeadSpans);
        Assert.Equal(["soon in a part"], Names(store, "acme"));
    }
}
