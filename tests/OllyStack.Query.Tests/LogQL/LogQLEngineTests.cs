using OllyStack.Query.LogQL;
using OllyStack.Query.LogQL.Evaluation;

namespace OllyStack.Query.Tests.LogQL;

public sealed class LogQLEngineTests
{
    private const long Second = 1_000_000_000;

    private static InMemoryLogSource Lines(int count, string app = "api")
    {
        var source = new InMemoryLogSource();
        for (var i = 0; i < count; i++) source.Add([KeyValuePair.Create("app", app)], i * Second, $"line {i} status=200");
        return source;
    }

    [Fact]
    public void LeadingContainsFiltersAreHintedToTheSourceUpToTheFirstParser()
    {
        var source = Lines(3);
        new LogQLEngine(source).QueryLogs("t", "{app=\"api\"} |= \"line\" != \"x\" | level=\"\" |= \"status\" |= \"line\" | logfmt |= \"200\"", 0, 10 * Second, 10, LogDirection.Forward);

        Assert.Equal(["line", "status"], source.Reads.Single().RequiredSubstrings);
    }

    [Theory]
    [InlineData("{app=\"api\"} |= \"a\" or \"b\"")]
    [InlineData("{app=\"api\"} |~ \"a\"")]
    [InlineData("{app=\"api\"} | line_format \"x\" |= \"x\"")]
    [InlineData("{app=\"api\"} |= \"\"")]
    public void FiltersThatDoNotRequireOneSubstringGiveNoHint(string query)
    {
        var source = Lines(1);
        new LogQLEngine(source).QueryLogs("t", query, 0, Second, 10, LogDirection.Forward);

        Assert.Empty(source.Reads.Single().RequiredSubstrings);
    }

    [Fact]
    public void ReadCarriesTheTenantSelectorAndDirection()
    {
        var source = Lines(1);
        new LogQLEngine(source).QueryLogs("tenant-b", "{app=\"api\"}", 0, Second, 10, LogDirection.Backward);

        var read = source.Reads.Single();
        Assert.Equal(("tenant-b", LogDirection.Backward, "app=\"api\""), (read.Tenant, read.Direction, read.Selector.Single().ToString()));
    }

    [Fact]
    public void LogQueryStopsReadingOnceTheLimitIsReached()
    {
        var source = Lines(1000);
        var result = new LogQLEngine(source).QueryLogs("t", "{app=\"api\"}", 0, 1000 * Second, 5, LogDirection.Forward);

        Assert.Equal(5, result.Streams.Single().Entries.Count);
        Assert.Equal(5, source.EntriesYielded);
    }

    [Fact]
    public void RangeQueryReadsEveryStepsWindowInOneReadWithTheEndsIncluded()
    {
        var source = Lines(1);
        new LogQLEngine(source).QueryRange("t", "count_over_time({app=\"api\"}[1m] offset 10s)", 100 * Second, 200 * Second, 10 * Second);

        var read = source.Reads.Single();
        Assert.Equal((100 * Second - 60 * Second - 10 * Second + 1, 200 * Second - 10 * Second + 1), (read.StartUnixNano, read.EndUnixNano));
    }

    [Fact]
    public void InstantQueryReadsTheWindowBeforeItsTime()
    {
        var source = Lines(1);
        new LogQLEngine(source).QueryInstant("t", "count_over_time({app=\"api\"}[1m])", 100 * Second);

        var read = source.Reads.Single();
        Assert.Equal((40 * Second, 100 * Second), (read.StartUnixNano, read.EndUnixNano));
    }

    [Fact]
    public void ScanningMoreLinesThanAllowedIsALimitError()
    {
        var engine = new LogQLEngine(Lines(100), new LogQLLimits { MaxLinesScanned = 10 });

        var error = Assert.Throws<LogQLLimitException>(() => engine.QueryLogs("t", "{app=\"api\"} |= \"nothing matches\"", 0, 100 * Second, 10, LogDirection.Forward));

        Assert.Contains("10 lines", error.Message);
    }

    [Fact]
    public void ScanningMoreBytesThanAllowedIsALimitError()
    {
        var engine = new LogQLEngine(Lines(100), new LogQLLimits { MaxBytesScanned = 100 });

        var error = Assert.Throws<LogQLLimitException>(() => engine.QueryInstant("t", "count_over_time({app=\"api\"}[5m])", 100 * Second));

        Assert.Contains("100 bytes", error.Message);
    }

    [Fact]
    public void MoreSeriesThanAllowedIsALimitError()
    {
        var engine = new LogQLEngine(Lines(100), new LogQLLimits { MaxSeries = 3 });

        Assert.Throws<LogQLLimitException>(() => engine.QueryInstant("t", "count_over_time({app=\"api\"} | regexp \"line (?P<n>\\\\d+)\" [5m])", 100 * Second));
    }

    [Fact]
    public void TooManyStepsIsALimitError()
    {
        var engine = new LogQLEngine(Lines(1), new LogQLLimits { MaxPointsPerSeries = 100 });

        var error = Assert.Throws<LogQLLimitException>(() => engine.QueryRange("t", "count_over_time({app=\"api\"}[1m])", 0, 1000 * Second, Second));

        Assert.Contains("maximum resolution of 100 points", error.Message);
    }

    [Fact]
    public void ARangeOfExactlyTheMaximumStepsIsAllowed()
    {
        var engine = new LogQLEngine(Lines(1), new LogQLLimits { MaxPointsPerSeries = 100 });

        var matrix = engine.QueryRange("t", "vector(1)", 0, 100 * Second, Second);

        Assert.Equal(101, Assert.Single(matrix.Series).Points.Count);
        Assert.Throws<LogQLLimitException>(() => engine.QueryRange("t", "vector(1)", 0, 101 * Second, Second));
    }

    [Fact]
    public void CancelledQueryStops()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new LogQLEngine(Lines(10)).QueryLogs("t", "{app=\"api\"}", 0, 10 * Second, 10, LogDirection.Forward, cancellation.Token));
    }

    [Fact]
    public void StatisticsCountEveryLineRead()
    {
        var result = new LogQLEngine(Lines(10)).QueryLogs("t", "{app=\"api\"} |= \"line 3 \"", 0, 10 * Second, 10, LogDirection.Forward);

        Assert.Equal(10, result.Statistics.LinesScanned);
        Assert.Equal(10 * "line 0 status=200".Length, result.Statistics.BytesScanned);
    }

    [Fact]
    public void LinesWithTheSameParsedLabelsFormOneStream()
    {
        var source = new InMemoryLogSource();
        for (var i = 0; i < 3; i++) source.Add([KeyValuePair.Create("app", "api")], i * Second, "level=info", [KeyValuePair.Create("trace", "t")]);

        var result = new LogQLEngine(source).QueryLogs("t", "{app=\"api\"} | logfmt", 0, 10 * Second, 10, LogDirection.Forward);

        Assert.Equal(3, result.Streams.Single().Entries.Count);
    }

    [Fact]
    public void MetricQueryRunAsALogQueryIsAnEvaluationError()
    {
        var engine = new LogQLEngine(Lines(1));

        Assert.Throws<LogQLEvaluationException>(() => engine.QueryLogs("t", "count_over_time({app=\"api\"}[1m])", 0, Second, 10, LogDirection.Forward));
        Assert.Throws<LogQLEvaluationException>(() => engine.QueryRange("t", "{app=\"api\"}", 0, Second, Second));
    }
}
