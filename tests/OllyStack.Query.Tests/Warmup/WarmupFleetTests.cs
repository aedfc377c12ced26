using OllyStack.Core.Metrics;
using OllyStack.Query.Warmup;

namespace OllyStack.Query.Tests.Warmup;

public sealed class WarmupFleetTests
{
    private const long StartMs = 1_795_500_000_000;
    private const long EndMs = StartMs + 3 * 3_600_000;

    [Fact]
    public void CountersNeverFallBackAndHistogramBucketsAreCumulative()
    {
        var series = Samples(WarmupFleet.Scrapes(StartMs, EndMs));

        foreach (var (labels, samples) in series.Where(s => IsCumulative(s.Key)))
            for (var i = 1; i < samples.Count; i++)
                Assert.True(samples[i].Value >= samples[i - 1].Value, $"{labels} falls back at {samples[i].TimestampMs}");
        for (var host = 0; host < WarmupFleet.Hosts; host++)
        {
            var buckets = series.Where(s => s.Key.StartsWith($"http_request_duration_seconds_bucket{{instance={WarmupFleet.Instance(host)}", StringComparison.Ordinal))
                .OrderBy(s => Le(s.Key)).Select(s => s.Value).ToList();
            Assert.Equal(6, buckets.Count);
            for (var b = 1; b < buckets.Count; b++)
                Assert.All(buckets[b].Zip(buckets[b - 1]), pair => Assert.True(pair.First.Value >= pair.Second.Value));
        }
    }

    [Fact]
    public void ScrapesSplitAtAnyTimeJoinUpToTheWholeSpan()
    {
        var split = StartMs + 4_321_000;

        var whole = Samples(WarmupFleet.Scrapes(StartMs, EndMs));
        var first = Samples(WarmupFleet.Scrapes(StartMs, split));
        var second = Samples(WarmupFleet.Scrapes(split, EndMs));

        Assert.Equal(WarmupFleet.Hosts * 17, whole.Count);
        Assert.All(whole, s => Assert.Equal(s.Value, [.. first[s.Key], .. second[s.Key]]));
        Assert.All(whole.Values, samples => Assert.Equal(3 * 240, samples.Count));
        Assert.All(whole.Values, samples => Assert.All(samples, p => Assert.Equal(0, p.TimestampMs % WarmupFleet.ScrapeMs)));
    }

    private static bool IsCumulative(string labels) =>
        labels.Split('{')[0] is var name && (name.EndsWith("_total", StringComparison.Ordinal) || name.StartsWith("http_request_duration_seconds_", StringComparison.Ordinal));

    private static double Le(string labels) =>
        labels.TrimEnd('}').Split(',').Single(l => l.StartsWith("le=", StringComparison.Ordinal))[3..] is var le && le == "+Inf"
            ? double.PositiveInfinity : double.Parse(le, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Each series as "name{label=value,...}" with its samples in time order.</summary>
    private static Dictionary<string, List<(long TimestampMs, double Value)>> Samples(MetricBatch batch)
    {
        var keys = new string[batch.Series.Count];
        for (var s = 0; s < keys.Length; s++)
        {
            var labels = batch.LabelsOf(s).ToArray().Select(l => (Name: batch.GetString(l.Name), Value: batch.GetString(l.Value))).ToList();
            keys[s] = labels.Single(l => l.Name == "__name__").Value + "{" + string.Join(",", labels.Where(l => l.Name != "__name__").Select(l => $"{l.Name}={l.Value}")) + "}";
        }
        var result = new Dictionary<string, List<(long, double)>>();
        foreach (var key in keys) result[key] = [];
        var series = batch.SampleSeries.Span;
        var timestamps = batch.SampleTimestamps.Span;
        var values = batch.SampleValues.Span;
        for (var i = 0; i < series.Length; i++) result[keys[series[i]]].Add((timestamps[i], values[i]));
        return result;
    }
}
