using OllyStack.Query.LogQL;
using OllyStack.Storage.Index;

namespace OllyStack.Query.Tests.LogQL;

public sealed class LogPatternQueryTests
{
    private const long Second = 1_000_000_000;

    private static readonly LogStreamLabels Api = new([new("service_name", "api")]);

    private static LogRead Read(long start, long end) =>
        new("acme", [new LabelMatcher(LabelMatchType.Equal, "service_name", "api")], start, end, LogDirection.Forward, []);

    [Fact]
    public void LinesOfOneTemplateFormOnePatternWithCountsPerStep()
    {
        var source = new Lines(
            (1, "user 17 logged in from 10.0.0.1"), (2, "user 18 logged in from 10.0.0.2"), (65, "user 19 logged in from 10.0.0.3"),
            (66, "disk /dev/sda1 is 91% full"));

        var result = LogPatternQuery.Run(source, Read(0, 120 * Second), 60 * Second, CancellationToken.None);

        Assert.Equal((4L, false), (result.LinesScanned, result.Truncated));
        var users = result.Patterns[0];
        Assert.Equal("user <*> logged in from <*>.<*>.<*>.<*>", users.Pattern);
        Assert.Equal((3L, 1 * Second, 65 * Second), (users.Count, users.FirstSeenUnixNano, users.LastSeenUnixNano));
        Assert.Equal([(0L, 2L), (60 * Second, 1L)], users.Samples);
        Assert.Equal(1, result.Patterns[1].Count);
    }

    [Fact]
    public void NoLinesNoPatterns() =>
        Assert.Empty(LogPatternQuery.Run(new Lines(), Read(0, Second), Second, CancellationToken.None).Patterns);

    /// <summary>Lines of one stream, served newest first when asked backward.</summary>
    private sealed class Lines(params (long Second, string Line)[] lines) : ILogSource
    {
        public IEnumerable<LogEntry> Read(LogRead read, CancellationToken cancellationToken)
        {
            var entries = lines.Select(l => new LogEntry(Api, l.Second * Second, l.Line, [])).Where(e => e.TimeUnixNano >= read.StartUnixNano && e.TimeUnixNano < read.EndUnixNano);
            return read.Direction == LogDirection.Backward ? entries.Reverse() : entries;
        }
    }
}
