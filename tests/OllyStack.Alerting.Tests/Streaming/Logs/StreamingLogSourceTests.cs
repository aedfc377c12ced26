using OllyStack.Alerting.Streaming.Logs;
using OllyStack.Core.Batches;
using OllyStack.Query.LogQL;
using OllyStack.Query.LogQL.Evaluation;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Index;
using OllyStack.Storage.Logs;

namespace OllyStack.Alerting.Tests.Streaming.Logs;

/// <summary>The streaming engine's in-memory log streams: only what watched selectors match, read back as LogQL reads the store.</summary>
public sealed class StreamingLogSourceTests
{
    private const long Second = 1_000_000_000;
    private const string Tenant = "acme";
    private static readonly LabelMatcher Errors = new(LabelMatchType.Equal, "level", "error");

    private static KeyValuePair<string, string>[] Stream(string service, string level) => [new("level", level), new("service_name", service)];

    private static LogRow Row(long timeNano, string body) => new(timeNano, timeNano, 17, "Error", body, [], default, default, 0);

    private static bool Offer(StreamingLogSource source, KeyValuePair<string, string>[] stream, long timeNano, string body) =>
        source.TryAdd(source.StreamOf(stream), Row(timeNano, body), out _);

    private static List<string> Lines(StreamingLogSource source, IReadOnlyList<LabelMatcher> selector, long start, long end, LogDirection direction = LogDirection.Forward) =>
        [.. source.Read(new LogRead(Tenant, selector, start, end, direction, []), CancellationToken.None).Select(e => e.Line)];

    [Fact]
    public void OnlyStreamsAWatchedSelectorMatchesKeepLines()
    {
        var source = new StreamingLogSource();
        var key = source.Watch([Errors], 60 * Second);

        Assert.True(Offer(source, Stream("api", "error"), 1 * Second, "timeout"));
        Assert.False(Offer(source, Stream("api", "info"), 1 * Second, "ok"));
        Assert.Equal([key], source.StreamOf(Stream("api", "error")).SelectorKeys);

        Assert.Equal(1, source.EntryCount);
        Assert.Equal(["timeout"], Lines(source, [Errors], 0, long.MaxValue));
    }

    [Fact]
    public void LinesAreReadInTimeOrderAcrossStreamsWithinTheHalfOpenWindowAndLateLinesTakeTheirPlace()
    {
        var source = new StreamingLogSource();
        source.Watch([Errors], 60 * Second);
        Offer(source, Stream("api", "error"), 1 * Second, "api 1");
        Offer(source, Stream("api", "error"), 4 * Second, "api 4");
        Offer(source, Stream("web", "error"), 2 * Second, "web 2");
        Offer(source, Stream("api", "error"), 3 * Second, "api 3 (late)");
        Offer(source, Stream("web", "error"), 4 * Second, "web 4");

        Assert.Equal(["api 1", "web 2", "api 3 (late)", "api 4", "web 4"], Lines(source, [Errors], 0, long.MaxValue));
        Assert.Equal(["web 2", "api 3 (late)"], Lines(source, [Errors], 2 * Second, 4 * Second));
        Assert.Equal(["api 4", "web 4", "api 3 (late)", "web 2", "api 1"], Lines(source, [Errors], 0, long.MaxValue, LogDirection.Backward));
        Assert.Equal(["web 2", "web 4"], Lines(source, [Errors, new LabelMatcher(LabelMatchType.Equal, "service_name", "web")], 0, long.MaxValue));
    }

    [Fact]
    public void LinesOlderThanTheLongestWindowOfTheStreamsSelectorsAreTrimmed()
    {
        var source = new StreamingLogSource();
        var api = new LabelMatcher(LabelMatchType.Equal, "service_name", "api");
        source.Watch([Errors], 10 * Second);
        var apiKey = source.Watch([api], 20 * Second);
        for (var t = 0L; t <= 30; t++) Offer(source, Stream("api", "error"), t * Second, $"line {t}");

        source.Trim(30 * Second);
        Assert.Equal(21, Lines(source, [Errors], 0, long.MaxValue).Count);

        source.Unwatch(apiKey, 20 * Second);
        source.Trim(30 * Second);
        Assert.Equal(11, Lines(source, [Errors], 0, long.MaxValue).Count);
    }

    [Fact]
    public void ASeedAddsWhatTheStreamLacksAndSkipsLinesTheLogDeliversAfterIt()
    {
        var source = new StreamingLogSource();
        source.Watch([Errors], 60 * Second);
        var api = Stream("api", "error");
        Offer(source, api, 1 * Second, "before the seed");
        Offer(source, api, 1 * Second, "before the seed");

        var labels = new LogStreamLabels(api);
        source.Seed([.. new[] { "older", "before the seed", "before the seed", "stored ahead of the stream", "repeated", "repeated" }
            .Select((line, i) => new LogEntry(labels, line.StartsWith("before", StringComparison.Ordinal) ? 1 * Second : (i + 1) * Second, line, []))]);
        Assert.False(Offer(source, api, 4 * Second, "stored ahead of the stream"));
        Assert.False(Offer(source, api, 5 * Second, "repeated"));
        Assert.True(Offer(source, api, 6 * Second, "new"));

        Assert.Equal(["before the seed", "before the seed", "older", "stored ahead of the stream", "repeated", "repeated", "new"], Lines(source, [Errors], 0, long.MaxValue));
    }

    [Fact]
    public void LogQLOverTheStreamAnswersAsOverTheSameLines()
    {
        var source = new StreamingLogSource();
        var selector = new[] { new LabelMatcher(LabelMatchType.Regex, "service_name", "api|web") };
        source.Watch(selector, 60 * Second);
        Offer(source, Stream("api", "error"), 10 * Second, "GET /cart timeout");
        Offer(source, Stream("web", "error"), 20 * Second, "POST /pay timeout");
        Offer(source, Stream("web", "info"), 30 * Second, "GET / ok");
        Offer(source, Stream("db", "error"), 30 * Second, "deadlock");

        var result = (VectorValue)new LogQLEngine(source).QueryInstant(Tenant, """sum by (service_name) (count_over_time({service_name=~"api|web"} |= "timeout" [1m]))""", 40 * Second);

        Assert.Equal(["{service_name=\"api\"} 1", "{service_name=\"web\"} 1"], result.Samples.Select(s => $"{s.Labels} {s.Value}"));
    }
}
