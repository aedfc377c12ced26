using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

public sealed class RangeQueryTests
{
    private static readonly double StaleMarker = BitConverter.Int64BitsToDouble(0x7ff0000000000002);

    private static InMemorySeriesSource Source(params (string Name, (long TimestampMs, double Value)[] Samples)[] series)
    {
        var source = new InMemorySeriesSource();
        foreach (var (name, samples) in series)
            foreach (var (timestamp, value) in samples)
                source.Append(Labels.Of(("__name__", name)), timestamp, value);
        return source;
    }

    private static (long, double)[] EveryMinute(int count, Func<int, double> value) =>
        Enumerable.Range(0, count).Select(i => (i * 60_000L, value(i))).ToArray();

    private static List<Point> PointsOf(MatrixValue matrix) => Assert.Single(matrix.Series).Points.ToList();

    [Fact]
    public void StepsStartAtTheStartAndIncludeTheEnd()
    {
        var engine = new PromQLEngine(Source(("metric", EveryMinute(10, i => i))));

        var result = engine.EvaluateRange("metric", 0, 300_000, 60_000);

        Assert.Equal(Enumerable.Range(0, 6).Select(i => new Point(i * 60_000L, i)), PointsOf(result));
    }

    [Fact]
    public void StepsBetweenSamplesTakeTheLatestEarlierSample()
    {
        var engine = new PromQLEngine(Source(("metric", EveryMinute(10, i => i))));

        var result = engine.EvaluateRange("metric", 30_000, 150_000, 60_000);

        Assert.Equal([new Point(30_000, 0), new Point(90_000, 1), new Point(150_000, 2)], PointsOf(result));
    }

    [Fact]
    public void ASampleIsSeenByLaterStepsUntilTheLookbackRunsOut()
    {
        var engine = new PromQLEngine(Source(("metric", [(0, 1), (600_000, 2)])));

        var result = engine.EvaluateRange("metric", 0, 1_200_000, 120_000);

        Assert.Equal(
            [new Point(0, 1), new Point(120_000, 1), new Point(240_000, 1), new Point(600_000, 2), new Point(720_000, 2), new Point(840_000, 2)],
            PointsOf(result));
    }

    [Fact]
    public void AConfiguredLookbackDeltaIsHonoured()
    {
        var engine = new PromQLEngine(Source(("metric", [(0, 1)])), new PromQLEngineOptions { LookbackDelta = TimeSpan.FromMinutes(1) });

        var result = engine.EvaluateRange("metric", 0, 180_000, 30_000);

        Assert.Equal([new Point(0, 1), new Point(30_000, 1), new Point(60_000, 1)], PointsOf(result));
    }

    [Fact]
    public void AStaleMarkerEndsTheSeriesAtTheStepsAfterIt()
    {
        var engine = new PromQLEngine(Source(("metric", [(0, 1), (60_000, 2), (120_000, StaleMarker)])));

        var result = engine.EvaluateRange("metric", 0, 240_000, 30_000);

        Assert.Equal([new Point(0, 1), new Point(30_000, 1), new Point(60_000, 2), new Point(90_000, 2)], PointsOf(result));
    }

    [Fact]
    public void AScalarQueryBecomesOneSeriesWithoutLabels()
    {
        var engine = new PromQLEngine(new InMemorySeriesSource());

        var result = engine.EvaluateRange("time()", 0, 120_000, 60_000);

        var series = Assert.Single(result.Series);
        Assert.Equal(Labels.Empty, series.Labels);
        Assert.Equal([new Point(0, 0), new Point(60_000, 60), new Point(120_000, 120)], series.Points);
    }

    [Fact]
    public void AtEndPinsEveryStepToTheEndOfTheRange()
    {
        var engine = new PromQLEngine(Source(("metric", EveryMinute(10, i => i))));

        var result = engine.EvaluateRange("metric @ end() - metric @ start()", 60_000, 240_000, 60_000);

        Assert.All(PointsOf(result), p => Assert.Equal(3, p.Value));
    }

    [Fact]
    public void SeriesAreSortedByLabels()
    {
        var engine = new PromQLEngine(Source(("b", EveryMinute(3, i => i)), ("a", EveryMinute(3, i => i))));

        var result = engine.EvaluateRange("{__name__=~\"a|b\"}", 0, 120_000, 60_000);

        Assert.Equal(["a", "b"], result.Series.Select(s => s.Labels.Get("__name__")));
    }

    [Theory]
    [InlineData("rate(metric[3m])")]
    [InlineData("sum_over_time(metric[2m:30s])")]
    [InlineData("max_over_time(deriv(metric[2m])[5m:1m])")]
    [InlineData("metric offset 1m + metric")]
    [InlineData("count_over_time(metric[90s] @ 200)")]
    [InlineData("changes(metric[4m])")]
    public void EachStepEqualsAnInstantQueryAtThatTime(string query)
    {
        var engine = new PromQLEngine(Source(("metric", EveryMinute(30, i => i * i % 7))));

        var range = engine.EvaluateRange(query, 0, 1_800_000, 45_000);

        var expected = new List<Point>();
        for (var t = 0L; t <= 1_800_000; t += 45_000)
            foreach (var sample in Assert.IsType<VectorValue>(engine.EvaluateInstant(query, t)).Samples)
                expected.Add(new Point(t, sample.Value));
        Assert.Equal(expected, range.Series.SelectMany(s => s.Points));
    }

    [Fact]
    public void ARangeVectorCannotBeTheResultOfARangeQuery()
    {
        var engine = new PromQLEngine(new InMemorySeriesSource());

        var error = Assert.Throws<PromQLEvaluationException>(() => engine.EvaluateRange("metric[5m]", 0, 60_000, 15_000));

        Assert.Contains("invalid expression type \"range vector\" for range query", error.Message);
    }

    [Fact]
    public void AZeroStepIsRejected()
    {
        var engine = new PromQLEngine(new InMemorySeriesSource());

        Assert.Throws<PromQLEvaluationException>(() => engine.EvaluateRange("metric", 0, 60_000, 0));
    }
}
