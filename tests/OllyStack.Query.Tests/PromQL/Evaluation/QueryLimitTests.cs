using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

public sealed class QueryLimitTests
{
    private static InMemorySeriesSource TwoSeriesOfSixtySamples()
    {
        var source = new InMemorySeriesSource();
        foreach (var job in new[] { "a", "b" })
            for (var i = 0; i < 60; i++)
                source.Append(Labels.Of(("__name__", "metric"), ("job", job)), i * 60_000L, i);
        return source;
    }

    /// <summary>2 series × 12 hours at one sample a minute: 1,440 samples.</summary>
    private static InMemorySeriesSource TwoSeriesOfTwelveHours()
    {
        var source = new InMemorySeriesSource();
        foreach (var job in new[] { "a", "b" })
            for (var i = 0; i < 720; i++)
                source.Append(Labels.Of(("__name__", "metric"), ("job", job)), i * 60_000L, i * (job == "a" ? 1 : 3));
        return source;
    }

    private static PromQLEngine Engine(QueryLimits limits) =>
        new(TwoSeriesOfSixtySamples(), new PromQLEngineOptions { Limits = limits });

    [Fact]
    public void LoadingMoreSamplesThanAllowedFailsNamingTheLimit()
    {
        var engine = Engine(new QueryLimits { MaxSamples = 50 });

        var error = Assert.Throws<QueryLimitException>(() => engine.EvaluateInstant("sum_over_time(metric[1h])", 3_600_000));

        Assert.Contains("query processing would load too many samples into memory in query execution", error.Message);
        Assert.Contains("max samples 50", error.Message);
    }

    [Fact]
    public void RangeQueryResultPointsCountTowardsTheSampleLimit()
    {
        var engine = Engine(new QueryLimits { MaxSamples = 100 });

        Assert.Throws<QueryLimitException>(() => engine.EvaluateRange("vector(1)", 0, 3_600_000, 10_000));
    }

    [Fact]
    public void RangeVectorsOfEarlierStepsDoNotCountTowardsTheSampleLimit()
    {
        // 120 samples loaded; each step's 10-minute windows hold at most 22 more, far fewer than all steps together.
        var engine = Engine(new QueryLimits { MaxSamples = 200 });

        var result = engine.EvaluateRange("sum(rate(metric[10m]))", 600_000, 3_540_000, 600_000);

        Assert.Equal(5, Assert.Single(result.Series).Points.Count);
    }

    [Fact]
    public void ALongRangeQueryLoadsItsSelectorsWindowByWindowWithinTheSampleLimit()
    {
        // Two selectors of 2 series × 12 hours at one sample a minute: 5,760 samples, far more than the limit at
        // once, but each window (a quarter of the limit, or what 64 steps need) fits.
        var source = TwoSeriesOfTwelveHours();
        const string query = "sum(rate(metric[10m])) + sum(metric)";
        var limited = new PromQLEngineOptions { Limits = new QueryLimits { MaxSamples = 1_500 } };
        var unlimited = new PromQLEngine(source).EvaluateRange(query, 600_000, 43_140_000, 300_000);

        var windowed = new PromQLEngine(source, limited).EvaluateRange(query, 600_000, 43_140_000, 300_000);

        Assert.Equal(unlimited.Series.Single().Points, windowed.Series.Single().Points);
        Assert.Equal(142, windowed.Series.Single().Points.Count);
        Assert.Throws<QueryLimitException>(() => new PromQLEngine(source, limited).EvaluateInstant("sum_over_time(metric[12h])", 43_140_000));
    }

    [Fact]
    public void AStreamedQueryThatWouldHoldTooManySamplesAtOnceIsEvaluatedBlockByBlockInstead()
    {
        // Streamed, the two series' 12 hours (1,440 samples) would be read at once, over the limit; block by block,
        // each window holds what 64 steps need.
        var source = TwoSeriesOfTwelveHours();
        const string query = "sum by (job) (rate(metric[10m]))";
        var limited = new PromQLEngineOptions { Limits = new QueryLimits { MaxSamples = 1_000 } };
        var unlimited = new PromQLEngine(source).EvaluateRange(query, 600_000, 43_140_000, 300_000);

        var blockByBlock = new PromQLEngine(source, limited).EvaluateRange(query, 600_000, 43_140_000, 300_000);

        Assert.Equal(unlimited.Series.Select(s => s.Labels), blockByBlock.Series.Select(s => s.Labels));
        Assert.Equal(unlimited.Series.Select(s => s.Points), blockByBlock.Series.Select(s => s.Points));
        Assert.Equal(2 * 142, blockByBlock.Series.Sum(s => s.Points.Count));
    }

    [Fact]
    public void AQueryWithinTheSampleLimitSucceeds()
    {
        var engine = Engine(new QueryLimits { MaxSamples = 1_000 });

        var result = Assert.IsType<VectorValue>(engine.EvaluateInstant("sum_over_time(metric[1h])", 3_600_000));

        Assert.Equal(2, result.Samples.Count);
    }

    [Fact]
    public void TouchingMoreSeriesThanAllowedFailsNamingTheLimit()
    {
        var engine = Engine(new QueryLimits { MaxSeries = 1 });

        var error = Assert.Throws<QueryLimitException>(() => engine.EvaluateInstant("metric", 0));

        Assert.Contains("too many series", error.Message);
        Assert.Contains("max series 1", error.Message);
    }

    [Fact]
    public void AQueryPastItsTimeoutFailsNamingTheLimit()
    {
        var engine = Engine(new QueryLimits { Timeout = TimeSpan.FromMilliseconds(1) });

        var error = Assert.Throws<QueryLimitException>(() => engine.EvaluateRange("sum(rate(metric[5m]))", 0, 3_600_000_000, 1_000));

        Assert.Contains("query timed out in query execution", error.Message);
        Assert.Contains("timeout", error.Message);
    }

    [Fact]
    public void ACancelledCallerTokenStopsTheQuery()
    {
        var engine = Engine(new QueryLimits());
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => engine.EvaluateInstant("metric", 0, cancellation.Token));
    }

    [Fact]
    public void DefaultsFollowPrometheus()
    {
        var limits = new QueryLimits();

        Assert.Equal(50_000_000, limits.MaxSamples);
        Assert.Equal(TimeSpan.FromMinutes(2), limits.Timeout);
    }
}
