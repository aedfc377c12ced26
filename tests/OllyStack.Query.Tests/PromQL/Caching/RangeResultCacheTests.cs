using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Caching;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Tests.PromQL.Caching;

public sealed class RangeResultCacheTests
{
    private const long Minute = 60_000;
    private static readonly TimeSpan SettledAge = TimeSpan.FromMinutes(5);

    /// <summary>Two jobs' counters, one sample a minute for 3 hours, the second job's starting an hour late.</summary>
    private static PromQLEngine Engine()
    {
        var source = new InMemorySeriesSource();
        for (var i = 0; i <= 180; i++)
        {
            source.Append(Labels.Of(("__name__", "requests"), ("job", "api")), i * Minute, i * 10);
            if (i >= 60) source.Append(Labels.Of(("__name__", "requests"), ("job", "db")), i * Minute, i * 3);
        }
        return new PromQLEngine(source);
    }

    private sealed class Clock(long nowMs) : TimeProvider
    {
        public long NowMs { get; set; } = nowMs;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(NowMs);
    }

    /// <summary>Runs the query through the cache, recording which step ranges the engine was asked for.</summary>
    private static MatrixValue Query(RangeResultCache cache, PromQLEngine engine, string query, long startMs, long endMs, List<(long, long)> asked, long generation = 0)
    {
        var expr = PromQLParser.Parse(query);
        return cache.Evaluate("tenant", generation, expr, startMs, endMs, Minute, (from, to) =>
        {
            asked.Add((from, to));
            return engine.EvaluateRange(expr, from, to, Minute);
        });
    }

    private static void AssertSameResult(MatrixValue expected, MatrixValue actual)
    {
        Assert.Equal(expected.Series.Select(s => s.Labels), actual.Series.Select(s => s.Labels));
        foreach (var (want, got) in expected.Series.Zip(actual.Series)) Assert.Equal(want.Points, got.Points);
    }

    [Fact]
    public void ARepeatedQueryComputesOnlyTheStepsPastWhatHasSettled()
    {
        var engine = Engine();
        var clock = new Clock(180 * Minute);
        var cache = new RangeResultCache(1_000_000, SettledAge, clock);
        var asked = new List<(long, long)>();
        const string query = "sum by (job) (rate(requests[5m]))";

        var first = Query(cache, engine, query, 30 * Minute, 180 * Minute, asked);
        var second = Query(cache, engine, query, 30 * Minute, 180 * Minute, asked);

        AssertSameResult(engine.EvaluateRange(query, 30 * Minute, 180 * Minute, Minute), first);
        AssertSameResult(first, second);
        Assert.Equal([(30 * Minute, 180 * Minute), (176 * Minute, 180 * Minute)], asked);
    }

    [Fact]
    public void TenantsNeverShareEntries()
    {
        var engine = Engine();
        var cache = new RangeResultCache(1_000_000, SettledAge, new Clock(180 * Minute));
        var expr = PromQLParser.Parse("requests");
        var asked = new List<string>();

        foreach (var tenant in new[] { "a", "b", "a" })
            cache.Evaluate(tenant, 0, expr, 0, 170 * Minute, Minute, (from, to) =>
            {
                asked.Add(tenant);
                return engine.EvaluateRange(expr, from, to, Minute);
            });

        Assert.Equal(["a", "b"], asked);
    }

    [Fact]
    public void AWindowSlidingForwardReusesTheOverlap()
    {
        var engine = Engine();
        var clock = new Clock(150 * Minute);
        var cache = new RangeResultCache(1_000_000, SettledAge, clock);
        var asked = new List<(long, long)>();

        Query(cache, engine, "requests", 0, 150 * Minute, asked);
        clock.NowMs = 180 * Minute;
        var slid = Query(cache, engine, "requests", 30 * Minute, 180 * Minute, asked);

        AssertSameResult(engine.EvaluateRange("requests", 30 * Minute, 180 * Minute, Minute), slid);
        Assert.Equal((146 * Minute, 180 * Minute), asked[^1]);
    }

    [Fact]
    public void ABackdatedWriteRetiresWhatWasCached()
    {
        var engine = Engine();
        var cache = new RangeResultCache(1_000_000, SettledAge, new Clock(180 * Minute));
        var asked = new List<(long, long)>();

        Query(cache, engine, "requests", 0, 180 * Minute, asked, generation: 1);
        Query(cache, engine, "requests", 0, 180 * Minute, asked, generation: 2);

        Assert.Equal([(0, 180 * Minute), (0, 180 * Minute)], asked);
    }

    [Theory]
    [InlineData("requests @ 3600")]
    [InlineData("rate(requests[5m] @ end())")]
    [InlineData("requests offset -5m")]
    [InlineData("max_over_time(requests[10m:1m] offset -1m)")]
    public void QueriesReadingLaterDataThanTheirStepAreNeverCached(string query)
    {
        var engine = Engine();
        var cache = new RangeResultCache(1_000_000, SettledAge, new Clock(180 * Minute));
        var asked = new List<(long, long)>();

        Query(cache, engine, query, 0, 170 * Minute, asked);
        Query(cache, engine, query, 0, 170 * Minute, asked);

        Assert.Equal(2, asked.Count(a => a == (0, 170 * Minute)));
        Assert.Equal(0, cache.Cells);
    }

    [Fact]
    public void TheLeastRecentlyUsedEntriesGoOnceTheCacheIsFull()
    {
        var engine = Engine();
        // Each entry is 1 series × 171 steps: room for two, not three.
        var cache = new RangeResultCache(400, SettledAge, new Clock(180 * Minute));
        var asked = new List<string>();

        foreach (var query in new[] { "a", "b", "a", "c", "a", "b" })
        {
            var expr = PromQLParser.Parse($"requests{{job=\"api\"}} * {query[0] - 'a' + 1}");
            cache.Evaluate("tenant", 0, expr, 0, 170 * Minute, Minute, (from, to) =>
            {
                asked.Add(query);
                return engine.EvaluateRange(expr, from, to, Minute);
            });
        }

        Assert.Equal(["a", "b", "c", "b"], asked);
        Assert.Equal(342, cache.Cells);
    }

    [Fact]
    public void StepsYoungerThanTheSettledAgeAreAlwaysComputed()
    {
        var engine = Engine();
        var cache = new RangeResultCache(1_000_000, SettledAge, new Clock(100 * Minute));
        var asked = new List<(long, long)>();

        Query(cache, engine, "requests", 98 * Minute, 180 * Minute, asked);
        Query(cache, engine, "requests", 98 * Minute, 180 * Minute, asked);

        Assert.Equal([(98 * Minute, 180 * Minute), (98 * Minute, 180 * Minute)], asked);
    }
}
