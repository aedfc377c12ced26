using OllyStack.Core.Batches;
using OllyStack.Storage.Traces;
using static OllyStack.Storage.Tests.Traces.SpanRows;

namespace OllyStack.Storage.Tests.Traces;

/// <summary>A tenant's spans found by trace id across the head and parts, scanned for search, and kept across reopening.</summary>
public sealed class TenantTracesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-traces-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ATraceSpreadOverTheHeadAndSeveralPartsIsFoundWhole()
    {
        using var traces = TenantTraces.Open(_directory, "acme");
        var wanted = new TraceId(5, 5);
        traces.Append([Span(wanted, 1, "api", "root", 1), Span(new TraceId(1, 1), 2, "api", "other", 1)]);
        traces.Flush(logEnd: 0);
        traces.Append([Span(wanted, 3, "db", "query", 3, parent: 1)]);
        traces.Flush(logEnd: 0);
        traces.Append([Span(wanted, 4, "cache", "get", 2, parent: 1)]);

        Assert.Equal(["api:root", "cache:get", "db:query"], Names(traces.FindTrace(wanted)));
        Assert.Empty(traces.FindTrace(new TraceId(9, 9)));
    }

    [Fact]
    public void ALookupByIdReadsOneBlockOfThePartHoldingTheTraceAndNoBlockOfTheOthers()
    {
        using var traces = TenantTraces.Open(_directory, "acme");
        for (var part = 0; part < 8; part++)
        {
            // Enough traces per part for several blocks, so that the one block read is the trace's.
            traces.Append([.. Enumerable.Range(0, 3_000).SelectMany(t => new[]
            {
                Span(new TraceId((ulong)part, (ulong)t), (ulong)(t * 2 + 1), "api", "root", t),
                Span(new TraceId((ulong)part, (ulong)t), (ulong)(t * 2 + 2), "db", "query", t, parent: (ulong)(t * 2 + 1)),
            })]);
            traces.Flush(logEnd: 0);
        }
        Assert.All(traces.Parts, p => Assert.True(p.Table.Blocks.Count > 1));

        var found = traces.FindTrace(new TraceId(5, 1_234));

        Assert.Equal(["api:root", "db:query"], Names(found));
        Assert.Equal([0, 0, 0, 0, 0, 1, 0, 0], traces.Parts.Select(p => p.BlockReads));
    }

    [Fact]
    public void ABlockEndsAtATraceBoundarySoATracesSpansStayTogether()
    {
        using var traces = TenantTraces.Open(_directory, "acme");
        var big = new TraceId(2, 0);
        traces.Append([.. Enumerable.Range(0, 4_000).Select(i => Span(new TraceId(1, (ulong)i), 1, "api", "small", 1))]);
        traces.Append([.. Enumerable.Range(0, 500).Select(i => Span(big, (ulong)i + 1, "api", "big", i))]);
        traces.Flush(logEnd: 0);

        var part = Assert.Single(traces.Parts);
        Assert.Equal([4_500], part.Table.Blocks.Select(b => b.SpanCount));
        Assert.Equal(500, traces.FindTrace(big).Count);
    }

    [Fact]
    public void AScanReadsOnlyPartsWithTheServiceAndBlocksInTheRange()
    {
        using var traces = TenantTraces.Open(_directory, "acme");
        traces.Append([Span(new TraceId(1, 1), 1, "api", "GET /", 10), Span(new TraceId(1, 2), 2, "api", "POST /", 20)]);
        traces.Flush(logEnd: 0);
        traces.Append([Span(new TraceId(2, 1), 3, "billing", "charge", 15)]);
        traces.Flush(logEnd: 0);
        traces.Append([Span(new TraceId(3, 1), 4, "api", "GET /", 30)]);

        Assert.Equal(["api:GET /", "api:GET /"], Names(traces.Scan(new SpanScan(0, long.MaxValue, "api", "GET /"), CancellationToken.None)));
        Assert.Equal(["api:POST /"], Names(traces.Scan(new SpanScan(15 * Second, 25 * Second, "api"), CancellationToken.None)));
        Assert.Equal(0, traces.Parts[1].BlockReads);
        Assert.Equal(["api:GET /"], Names(traces.Scan(new SpanScan(25 * Second, 40 * Second, "api"), CancellationToken.None)));
        Assert.Equal(["billing:charge"], Names(traces.Scan(new SpanScan(0, long.MaxValue, "billing"), CancellationToken.None)));
        Assert.Equal([2L, 1L], traces.Parts.Select(p => p.BlockReads));
    }

    [Fact]
    public void OperationsOfTheHeadAndOfPartsAreListedOnceAndKeptOnReopen()
    {
        using (var traces = TenantTraces.Open(_directory, "acme"))
        {
            traces.Append([Span(new TraceId(1, 1), 1, "web", "GET /", 1), Span(new TraceId(1, 1), 2, "api", "GET /", 1)]);
            traces.Flush(logEnd: 0);
            traces.Append([Span(new TraceId(1, 2), 3, "web", "GET /", 1)]);
            Assert.Equal([new SpanOperation("api", "GET /", 2), new SpanOperation("web", "GET /", 2)], traces.Operations());
            traces.Flush(logEnd: 0);
        }

        using var reopened = TenantTraces.Open(_directory, "acme");
        Assert.Equal([new SpanOperation("api", "GET /", 2), new SpanOperation("web", "GET /", 2)], reopened.Operations());
    }

    [Fact]
    public void AReopenedTenantReadsItsPartsAndRemovesUnfinishedOnes()
    {
        var trace = new TraceId(1, 1);
        using (var traces = TenantTraces.Open(_directory, "acme"))
        {
            traces.Append([Span(trace, 1, "api", "kept", 1)]);
            traces.Flush(logEnd: 0);
        }
        File.WriteAllBytes(Path.Combine(_directory, "0000000000000009.spanpart.tmp"), [1, 2, 3]);

        using var reopened = TenantTraces.Open(_directory, "acme");
        reopened.Append([Span(trace, 2, "api", "new", 2)]);
        reopened.Flush(logEnd: 0);

        Assert.Equal(["api:kept", "api:new"], Names(reopened.FindTrace(trace)));
        Assert.DoesNotContain(Directory.EnumerateFiles(_directory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Equal(2, reopened.Parts.Count);
    }

    [Fact]
    public void ADamagedPartIsSetAsideAndTheRestStayReadable()
    {
        var trace = new TraceId(1, 1);
        using (var traces = TenantTraces.Open(_directory, "acme"))
        {
            traces.Append([Span(trace, 1, "api", "first", 1)]);
            traces.Flush(logEnd: 0);
            traces.Append([Span(trace, 2, "api", "second", 2)]);
            traces.Flush(logEnd: 0);
        }
        var damaged = Directory.EnumerateFiles(_directory).Order(StringComparer.Ordinal).Last();
        var bytes = File.ReadAllBytes(damaged);
        bytes[^20] ^= 0xFF;
        File.WriteAllBytes(damaged, bytes);

        using var reopened = TenantTraces.Open(_directory, "acme");

        Assert.Equal(["api:first"], Names(reopened.FindTrace(trace)));
        Assert.Equal([damaged + ".damaged"], reopened.Damaged);
    }
}
