using OllyStack.Alerting.Streaming;
using OllyStack.Alerting.Streaming.Incremental;
using OllyStack.Core.Metrics;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Tests.Streaming.Incremental;

/// <summary>
/// Each range function's running state against PromQL over the same samples, as the window takes in-order, late and
/// repeated samples, stale markers and counter resets, and slides and trims.
/// </summary>
public sealed class WindowStateTests
{
    private static readonly Labels Series = Labels.Of((Labels.MetricName, "m"));

    [Theory]
    [InlineData("rate", 60_000, 0)]
    [InlineData("increase", 90_000, 0)]
    [InlineData("delta", 60_000, 15_000)]
    [InlineData("irate", 30_000, 0)]
    [InlineData("idelta", 30_000, 0)]
    [InlineData("changes", 60_000, 0)]
    [InlineData("resets", 120_000, 0)]
    [InlineData("sum_over_time", 60_000, 0)]
    [InlineData("avg_over_time", 45_000, 0)]
    [InlineData("count_over_time", 60_000, 30_000)]
    [InlineData("min_over_time", 40_000, 0)]
    [InlineData("max_over_time", 40_000, 0)]
    [InlineData("stddev_over_time", 60_000, 0)]
    [InlineData("stdvar_over_time", 90_000, 0)]
    [InlineData("last_over_time", 20_000, 0)]
    [InlineData("present_over_time", 20_000, 0)]
    public void Running_state_gives_what_PromQL_gives_over_the_window(string name, long rangeMs, long offsetMs)
    {
        Assert.True(RangeFunctions.TryParse(name, out var function));
        var random = new Random(name.Length * 7919 + (int)rangeMs);
        var window = new SeriesWindow();
        var state = RangeFunctions.NewState(function);
        var all = new SortedDictionary<long, double>();
        var counter = 0.0;
        var nowMs = 1_000_000L;
        for (var step = 0; step < 600; step++)
        {
            nowMs += random.Next(500, 8_000);
            foreach (var (timeMs, value) in Arrivals(random, nowMs, ref counter))
            {
                window.Add(timeMs, value);
                all[timeMs] = value;
            }
            if (random.Next(10) == 0) window.TrimBefore(nowMs - rangeMs - offsetMs - 10_000);

            var endMs = nowMs - offsetMs;
            state.Slide(window, endMs - rangeMs, endMs);
            var actual = state.Value(function, 0, endMs - rangeMs, endMs);
            var expected = PromQL($"{name}(m[{rangeMs}ms]{(offsetMs > 0 ? $" offset {offsetMs}ms" : "")})", all, nowMs);
            Assert.True(Same(expected, actual), $"step {step} at {nowMs}: PromQL {expected:R}, running state {actual:R}");
        }
    }

    /// <summary>Mostly one new sample; sometimes a late one, a repeat of an earlier timestamp, a stale marker, a reset, NaN or an infinity.</summary>
    private static IEnumerable<(long, double)> Arrivals(Random random, long nowMs, ref double counter)
    {
        var arrivals = new List<(long, double)>();
        counter = random.Next(30) == 0 ? random.Next(5) : counter + random.Next(0, 20) + Math.Round(random.NextDouble(), 3);
        var value = random.Next(60) switch
        {
            0 => StaleMarker.Value,
            1 => double.NaN,
            2 => double.PositiveInfinity,
            _ => counter,
        };
        arrivals.Add((nowMs, value));
        if (random.Next(12) == 0) arrivals.Add((nowMs - random.Next(1, 20_000), counter - random.Next(0, 10)));
        return arrivals;
    }

    private static double? PromQL(string query, SortedDictionary<long, double> samples, long timeMs)
    {
        var source = new InMemorySeriesSource();
        foreach (var (timeMsOfSample, value) in samples) source.Append(Series, timeMsOfSample, value);
        var result = (VectorValue)new PromQLEngine(source).EvaluateInstant(PromQLParser.Parse(query), timeMs);
        return result.Samples.Count == 0 ? null : result.Samples[0].Value;
    }

    private static bool Same(double? expected, double? actual) =>
        expected is null || actual is null
            ? expected == actual
            : expected.Value.Equals(actual.Value) || Math.Abs(expected.Value - actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value));
}
