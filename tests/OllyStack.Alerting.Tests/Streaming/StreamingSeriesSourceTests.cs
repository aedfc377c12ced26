using OllyStack.Alerting.Streaming;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;
using LabelMatcher = OllyStack.Storage.Index.LabelMatcher;
using LabelMatchType = OllyStack.Storage.Index.LabelMatchType;

namespace OllyStack.Alerting.Tests.Streaming;

/// <summary>The streaming engine's in-memory series: only what watched selectors match, and PromQL over it answers as over storage.</summary>
public sealed class StreamingSeriesSourceTests
{
    private const long Second = 1_000;
    private static readonly LabelMatcher Requests = new(LabelMatchType.Equal, Labels.MetricName, "http_requests_total");

    private static Labels Series(string name, string job, string instance) => Labels.Of((Labels.MetricName, name), ("job", job), ("instance", instance));

    [Fact]
    public void OnlySeriesAWatchedSelectorMatchesKeepSamples()
    {
        var source = new StreamingSeriesSource();
        var key = source.Watch([Requests, new LabelMatcher(LabelMatchType.Regex, "job", "api|web")], 60 * Second);

        Assert.Equal([key], source.Offer(Series("http_requests_total", "api", "a"), 0, 1));
        Assert.Empty(source.Offer(Series("http_requests_total", "db", "a"), 0, 1));
        Assert.Empty(source.Offer(Series("cpu", "api", "a"), 0, 1));

        var found = source.Find([new LabelMatcher(LabelMatchType.Regex, "job", "api|web"), Requests]);
        Assert.Equal(["api"], found.Select(h => h.Labels.Get("job")));
        Assert.Equal([0L], source.Read(found, 0, long.MaxValue)[0].Timestamps.ToArray());
    }

    [Fact]
    public void ASeriesSeenBeforeASelectorIsWatchedJoinsItAndKeepsSamplesFromThenOn()
    {
        var source = new StreamingSeriesSource();
        var api = Series("http_requests_total", "api", "a");
        source.Offer(api, 0, 1);

        source.Watch([Requests], 60 * Second);
        source.Offer(api, Second, 2);

        Assert.Equal([Second], source.Read(source.Find([Requests]), 0, long.MaxValue)[0].Timestamps.ToArray());
    }

    [Fact]
    public void SamplesOlderThanTheLongestWindowOfTheSeriesSelectorsAreTrimmed()
    {
        var source = new StreamingSeriesSource();
        var api = Series("http_requests_total", "api", "a");
        var apiOnly = new LabelMatcher(LabelMatchType.Equal, "job", "api");
        source.Watch([Requests], 10 * Second);
        var apiKey = source.Watch([Requests, apiOnly], 20 * Second);
        for (var t = 0L; t <= 30; t++) source.Offer(api, t * Second, t);

        source.Trim(30 * Second);
        Assert.Equal(21, source.Read(source.Find([Requests]), 0, long.MaxValue)[0].Timestamps.Length);

        source.Unwatch(apiKey, 20 * Second);
        source.Trim(30 * Second);
        Assert.Equal(11, source.Read(source.Find([Requests]), 0, long.MaxValue)[0].Timestamps.Length);
    }

    [Fact]
    public void AnInstantSelectorKeepsOnlyTheLatestSampleHoweverOld()
    {
        var source = new StreamingSeriesSource();
        source.Watch([Requests], 0);
        var api = Series("http_requests_total", "api", "a");
        source.Offer(api, 0, 1);
        source.Offer(api, Second, 2);

        source.Trim(10 * 60 * Second);

        Assert.Equal([Second], source.Read(source.Find([Requests]), 0, long.MaxValue)[0].Timestamps.ToArray());
        Assert.Equal(2, source.Latest(api));
    }

    [Fact]
    public void ASelectorNoLongerWatchedStopsKeepingSamples()
    {
        var source = new StreamingSeriesSource();
        var key = source.Watch([Requests], Second);
        source.Watch([Requests], Second);
        var api = Series("http_requests_total", "api", "a");

        source.Unwatch(key, Second);
        Assert.Equal([key], source.Offer(api, 0, 1));
        source.Unwatch(key, Second);

        Assert.Empty(source.Offer(api, Second, 2));
        Assert.Null(source.Latest(api));
    }

    [Theory]
    [InlineData("sum by (job) (rate(http_requests_total[1m])) > 0.5")]
    [InlineData("avg_over_time(http_requests_total{job=\"api\"}[2m]) > 100")]
    [InlineData("sum by (job) (rate(errors_total[1m])) / sum by (job) (rate(http_requests_total[1m])) > 0.1")]
    [InlineData("http_requests_total > 200 unless errors_total > 1600")]
    [InlineData("quantile_over_time(0.9, http_requests_total[90s])")]
    [InlineData("max by (instance) (increase(errors_total[5m]))")]
    public void PromQLOverTheStreamedSeriesAnswersAsOverStoredSeries(string query)
    {
        var expr = PromQLParser.Parse(query);
        var streaming = new StreamingSeriesSource();
        foreach (var selector in ExprTree.SelfAndDescendants(expr).OfType<VectorSelector>()) streaming.Watch(selector.StorageMatchers(), 10 * 60 * Second);
        var stored = new InMemorySeriesSource();
        var random = new Random(query.Length);
        var counters = new Dictionary<Labels, double>();
        for (var t = 0L; t < 20 * 60; t += 15)
            foreach (var name in new[] { "http_requests_total", "errors_total", "cpu" })
                foreach (var (job, instance) in new[] { ("api", "a"), ("api", "b"), ("web", "a") })
                {
                    var labels = Series(name, job, instance);
                    var value = counters[labels] = counters.GetValueOrDefault(labels) + random.Next(0, 40);
                    stored.Append(labels, t * Second, value);
                    streaming.Offer(labels, t * Second, value);
                }

        var at = 20 * 60 * Second;
        Assert.Equal(Samples(new PromQLEngine(stored).EvaluateInstant(expr, at)), Samples(new PromQLEngine(streaming).EvaluateInstant(expr, at)));
        Assert.NotEmpty(Samples(new PromQLEngine(streaming).EvaluateInstant(expr, at)));
    }

    private static List<string> Samples(QueryValue value) => [.. ((VectorValue)value).Samples.Select(s => $"{s.Labels} {s.Value:R}").Order()];
}
