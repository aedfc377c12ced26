using OllyStack.Core.Batches;
using OllyStack.Storage.Traces;
using static OllyStack.Storage.Tests.Traces.SpanRows;

namespace OllyStack.Storage.Tests.Traces;

/// <summary>A tenant's span parts merged (a trace's spans joined into one block) and dropped past retention.</summary>
public sealed class SpanPartMaintenanceTests : IDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(15);
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-traces-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string[] Files() => [.. Directory.EnumerateFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void ATraceThatArrivedOverFourFlushesIsOneGroupOfOneBlockAfterTheMerge()
    {
        using var traces = TenantTraces.Open(_directory, "acme");
        var wanted = new TraceId(7, 7);
        string[] services = ["api", "auth", "db", "cache"];
        for (var flush = 0; flush < 4; flush++)
        {
            traces.Append([Span(wanted, (ulong)flush + 1, services[flush], $"step{flush}", Now + 3 - flush, parent: flush == 0 ? 0UL : 1UL),
                Span(new TraceId((ulong)flush, 0), 100 + (ulong)flush, "web", "other", Now)]);
            traces.Flush(logEnd: 10 + flush);
        }

        Assert.Equal(1, traces.Maintain(Retention, CancellationToken.None));

        var part = Assert.Single(traces.Parts);
        Assert.Equal((new PartId(0, 3), (byte)1, 13L, 8L), (part.Id, part.Header.Level, part.Header.LogEnd, part.Header.RecordCount));
        Assert.Equal(5, part.Table.TraceIds.Count);
        Assert.Equal(["api", "auth", "cache", "db", "web"], part.Table.Services);
        Assert.Equal(["cache:step3", "db:step2", "auth:step1", "api:step0"], Names(traces.FindTrace(wanted)));
        Assert.Equal(1, part.BlockReads);
        Assert.Equal([new PartId(0, 3).FileName(".spanpart")], Files());
    }

    [Fact]
    public void ScansAndLookupsGiveTheSameAnswersBeforeAndAfterMerges()
    {
        using var traces = TenantTraces.Open(_directory, "acme");
        for (var flush = 0; flush < 16; flush++)
        {
            traces.Append([.. Enumerable.Range(0, 50).Select(t => Span(new TraceId((ulong)(t % 7), (ulong)t), (ulong)(flush * 100 + t), $"svc{t % 3}", $"op{flush % 2}", Now + flush))]);
            traces.Flush(logEnd: flush);
        }
        var scan = new SpanScan(0, long.MaxValue, "svc1", "op1");
        var scanned = Names(traces.Scan(scan, CancellationToken.None)).Order().ToList();
        var found = Enumerable.Range(0, 50).Select(t => traces.FindTrace(new TraceId((ulong)(t % 7), (ulong)t)).Select(s => s.SpanId).ToList()).ToList();

        Assert.Equal(5, traces.Maintain(Retention, CancellationToken.None));

        Assert.Equal((byte)2, Assert.Single(traces.Parts).Header.Level);
        Assert.Equal(scanned, Names(traces.Scan(scan, CancellationToken.None)).Order());
        Assert.Equal(found, Enumerable.Range(0, 50).Select(t => traces.FindTrace(new TraceId((ulong)(t % 7), (ulong)t)).Select(s => s.SpanId).ToList()));
    }

    [Fact]
    public void RetentionDropsOldPartsAndTheirServicesAndOperations()
    {
        using var traces = TenantTraces.Open(_directory, "acme");
        traces.Append([Span(new TraceId(1, 1), 1, "legacy", "old", Now - 20 * 24 * 3600)]);
        traces.Flush(logEnd: 1);
        traces.Append([Span(new TraceId(2, 2), 2, "api", "new", Now)]);
        traces.Flush(logEnd: 2);
        traces.Append([Span(new TraceId(3, 3), 3, "web", "unflushed", Now)]);

        traces.Maintain(Retention, CancellationToken.None);

        Assert.Empty(traces.FindTrace(new TraceId(1, 1)));
        Assert.Single(traces.FindTrace(new TraceId(2, 2)));
        Assert.Equal(["api:new", "web:unflushed"], traces.Operations().Select(o => $"{o.Service}:{o.Name}"));
        Assert.Equal([new PartId(1, 1).FileName(".spanpart")], Files());
    }

    [Fact]
    public void AScanThatHoldsPartsFinishesWhileAMergeRetiresThem()
    {
        using var traces = TenantTraces.Open(_directory, "acme");
        for (var flush = 0; flush < 4; flush++)
        {
            traces.Append([Span(new TraceId((ulong)flush, 1), (ulong)flush + 1, "api", "op", Now + flush)]);
            traces.Flush(logEnd: flush);
        }

        using var scanning = traces.Scan(new SpanScan(0, long.MaxValue), CancellationToken.None).GetEnumerator();
        Assert.True(scanning.MoveNext());
        traces.Maintain(Retention, CancellationToken.None);
        var seen = 1;
        while (scanning.MoveNext()) seen++;
        scanning.Dispose();

        Assert.Equal(4, seen);
        Assert.Equal([new PartId(0, 3).FileName(".spanpart")], Files());
    }
}
