using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

/// <summary>
/// Range queries compute grid-capable expressions a block of steps at a time; an instant query at each step takes
/// the step-by-step path. On data with gaps, stale markers, NaN values and counter resets both must agree, errors
/// included.
/// </summary>
public sealed class BlockEvaluationTests
{
    private static readonly double StaleMarker = BitConverter.Int64BitsToDouble(0x7ff0000000000002);
    private const long StartMs = 600_000;
    private const long EndMs = 10_800_000;

    public static TheoryData<string> Queries() =>
    [
        "requests",
        "requests offset 7m",
        "requests @ 3600",
        "-requests",
        "rate(requests[5m])",
        "increase(requests[3m]) * 2",
        "last_over_time(temperature[10m])",
        "max_over_time(temperature[2m] offset 1m)",
        "sum(rate(requests[5m]))",
        "sum by (job) (rate(requests[5m]))",
        "sum without (instance) (temperature)",
        "avg by (job) (temperature)",
        "count(temperature)",
        "min by (instance) (temperature)",
        "max(temperature)",
        "group by (job) (requests)",
        "stddev by (job) (temperature)",
        "stdvar(temperature)",
        "topk(2, temperature)",
        "bottomk by (job) (1, temperature)",
        "topk(scalar(count(temperature)) - 3, temperature)",
        "quantile by (job) (0.9, temperature)",
        "temperature > 20",
        "temperature > bool 20",
        "30 < temperature",
        "2 ^ temperature",
        "temperature / requests",
        "temperature / ignoring (job) requests",
        "temperature * on (instance, job) group_left (kind) info",
        "info * on (instance, job) group_right (kind) temperature",
        "temperature > on (instance, job) requests",
        "temperature and requests",
        "temperature or requests",
        "temperature unless requests",
        "temperature unless on (job) (requests > 50)",
        "rate(requests[5m]) or on () vector(0)",
        "histogram_quantile(0.5, sum by (le) (rate(requests[5m])))",
        "abs(-sum by (job) (temperature))",
        "sum(temperature) / count(temperature)",
        "sum by (job) (temperature) - on (job) group_left max by (job) (requests)",
        "rate(requests[5m]) + rate(requests[5m] offset 1m)",
        "temperature + ignoring (instance) requests",
        "temperature + on (job) info",
        "-(temperature / requests) * 100",
        "rate(requests[5m]) * 8 > 0.5",
        "-rate(requests[5m]) < bool -0.1",
        "temperature / (requests * 2)",
        "2 * (temperature >= bool requests)",
        "requests - requests offset 5m",
        "temperature / on (instance, job) group_left rate(requests[5m])",
        "last_over_time(temperature[3m]) * on (instance) group_left (kind) info",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public void ARangeQueryAgreesWithAnInstantQueryAtEachStep(string query)
    {
        var engine = new PromQLEngine(RandomFleet(seed: 7));

        foreach (var stepMs in new long[] { 15_000, 60_000, 137_000 })
        {
            var (expected, expectedError) = StepByStep(engine, query, stepMs);
            MatrixValue? actual = null;
            string? actualError = null;
            try
            {
                actual = engine.EvaluateRange(query, StartMs, EndMs, stepMs);
            }
            catch (PromQLEvaluationException error)
            {
                actualError = error.Message;
            }

            Assert.Equal(expectedError is null, actualError is null);
            if (expected is null) continue;
            Assert.Equal(expected.Series.Select(s => s.Labels), actual!.Series.Select(s => s.Labels));
            foreach (var (want, got) in expected.Series.Zip(actual.Series))
            {
                Assert.Equal(want.Points.Select(p => p.TimestampMs), got.Points.Select(p => p.TimestampMs));
                foreach (var (a, b) in want.Points.Zip(got.Points))
                    Assert.True(Close(a.Value, b.Value), $"{query} step {stepMs}: {want.Labels} at {a.TimestampMs}: {a.Value} vs {b.Value}");
            }
        }
    }

    /// <summary>
    /// Enough series for a streamed query to be split across threads (a streamed aggregation's slices taking runs of
    /// series and merging their partial groups, or with a group per instance, taking whole groups); "huge" values
    /// overflow a sum, so an average must fall back to the incremental mean. topk and operators between aggregations
    /// take the streamed aggregations' values block by block.
    /// </summary>
    [Theory]
    [InlineData("sum by (job) (rate(requests[5m]))")]
    [InlineData("count by (job) (temperature)")]
    [InlineData("min(temperature)")]
    [InlineData("max by (instance) (rate(requests[2m]))")]
    [InlineData("avg by (job) (temperature)")]
    [InlineData("group by (job) (requests)")]
    [InlineData("avg(huge)")]
    [InlineData("sum(huge)")]
    [InlineData("temperature / huge")]
    [InlineData("rate(requests[5m]) * 100")]
    [InlineData("temperature")]
    [InlineData("sum by (instance) (rate(requests[5m]))")]
    [InlineData("avg by (instance) (huge)")]
    [InlineData("topk(3, sum by (job) (rate(requests[5m])))")]
    [InlineData("bottomk(5, max by (instance) (temperature))")]
    [InlineData("sum by (job) (rate(requests[5m])) / sum by (job) (temperature)")]
    public void AStreamedQueryOverManySeriesAgreesWithInstantQueries(string query)
    {
        var random = new Random(11);
        var source = new InMemorySeriesSource();
        for (var i = 0; i < 700; i++)
        {
            var job = $"job{i % 7}";
            var instance = $"i{i}";
            var total = 0.0;
            for (var t = 0L; t <= EndMs; t += 30_000)
            {
                if (random.NextDouble() < 0.05) continue;
                total += random.Next(0, 5);
                source.Append(Labels.Of(("__name__", "requests"), ("job", job), ("instance", instance)), t, total);
                source.Append(Labels.Of(("__name__", "temperature"), ("job", job), ("instance", instance)), t, random.Next(-20, 40));
                source.Append(Labels.Of(("__name__", "huge"), ("job", job), ("instance", instance)), t, 1.5e306 * random.Next(1, 9));
            }
        }
        var engine = new PromQLEngine(source);

        var (expected, _) = StepByStep(engine, query, 300_000);
        var actual = engine.EvaluateRange(query, StartMs, EndMs, 300_000);

        Assert.Equal(expected!.Series.Select(s => s.Labels), actual.Series.Select(s => s.Labels));
        foreach (var (want, got) in expected.Series.Zip(actual.Series))
        {
            Assert.Equal(want.Points.Select(p => p.TimestampMs), got.Points.Select(p => p.TimestampMs));
            foreach (var (a, b) in want.Points.Zip(got.Points))
                Assert.True(Close(a.Value, b.Value), $"{query}: {want.Labels} at {a.TimestampMs}: {a.Value} vs {b.Value}");
        }
    }

    [Fact]
    public void TwoSeriesEndingUpWithOneLabelSetAtOneStepFailAsPrometheusDoes()
    {
        var engine = new PromQLEngine(RandomFleet(seed: 7));

        var error = Assert.Throws<PromQLEvaluationException>(() => engine.EvaluateRange("rate({__name__=~\"requests|other_requests\"}[5m])", StartMs, EndMs, 60_000));

        Assert.Equal("vector cannot contain metrics with the same labelset", error.Message);
    }

    private static (MatrixValue? Matrix, string? Error) StepByStep(PromQLEngine engine, string query, long stepMs)
    {
        var byLabels = new Dictionary<Labels, List<Point>>();
        try
        {
            for (var t = StartMs; t <= EndMs; t += stepMs)
            {
                switch (engine.EvaluateInstant(query, t))
                {
                    case VectorValue vector:
                        foreach (var sample in vector.Samples) Add(sample.Labels, new Point(t, sample.Value));
                        break;
                    case ScalarValue scalar:
                        Add(Labels.Empty, new Point(t, scalar.Value));
                        break;
                }
            }
        }
        catch (PromQLEvaluationException error)
        {
            return (null, error.Message);
        }
        return (new MatrixValue(byLabels.OrderBy(p => p.Key).Select(p => new Series(p.Key, p.Value)).ToList()), null);

        void Add(Labels labels, Point point)
        {
            if (!byLabels.TryGetValue(labels, out var points)) byLabels[labels] = points = [];
            points.Add(point);
        }
    }

    private static bool Close(double a, double b) =>
        (double.IsNaN(a) && double.IsNaN(b)) || a == b || Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));

    /// <summary>
    /// Counters and gauges of 2 jobs × 3 instances scraped every 15 s with random gaps, stale markers, resets and NaN
    /// values, an info metric for group_left, and a counter named differently but labelled alike.
    /// </summary>
    private static InMemorySeriesSource RandomFleet(int seed)
    {
        var random = new Random(seed);
        var source = new InMemorySeriesSource();
        foreach (var job in new[] { "api", "db" })
        {
            foreach (var instance in new[] { "a", "b", "c" })
            {
                Series("requests", [("le", instance == "a" ? "0.1" : instance == "b" ? "1" : "+Inf")], counter: true);
                Series("temperature", [], counter: false);
                Series("other_requests", [("le", "1")], counter: true);
                source.Append(Labels.Of(("__name__", "info"), ("job", job), ("instance", instance), ("kind", job + instance)), 0, 1);
                for (var t = 300_000L; t <= EndMs; t += 300_000) source.Append(Labels.Of(("__name__", "info"), ("job", job), ("instance", instance), ("kind", job + instance)), t, 1);

                void Series(string name, (string, string)[] extra, bool counter)
                {
                    var labels = Labels.Of([("__name__", name), ("job", job), ("instance", instance), .. extra]);
                    var value = random.Next(0, 40);
                    for (var t = 0L; t <= EndMs; t += 15_000)
                    {
                        var roll = random.NextDouble();
                        if (roll < 0.08) continue;
                        if (roll < 0.1) source.Append(labels, t, StaleMarker);
                        else if (roll < 0.11) source.Append(labels, t, double.NaN);
                        else
                        {
                            value = counter ? (roll < 0.12 ? 0 : value + random.Next(0, 10)) : random.Next(0, 40);
                            source.Append(labels, t, value);
                        }
                    }
                }
            }
        }
        return source;
    }
}
