using OllyStack.Core.Batches;
using OllyStack.Storage.Index;
using OllyStack.Storage.Logs;

namespace OllyStack.Storage.Tests.Logs;

/// <summary>A tenant's logs read back in time order across the head and parts, by stream selector, range and direction.</summary>
public sealed class TenantLogsTests : IDisposable
{
    private const long Second = 1_000_000_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-logs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static LogRow Row(long second, string body) => new(second * Second, second * Second, 9, "Information", body, [], TraceId.Empty, SpanId.Empty, 0);

    private static LogSelection Select(string service, long from = 0, long to = long.MaxValue, bool backward = false, params string[] required) =>
        new([new LabelMatcher(LabelMatchType.Regex, "service_name", service)], from, to, backward, required);

    private static void Append(TenantLogs logs, string service, params (long Second, string Body)[] rows)
    {
        var stream = logs.Intern([new("service_name", service)]);
        logs.Append([.. rows.Select(r => new StoredLogEntry(stream, Row(r.Second, r.Body)))]);
    }

    private static List<string> Lines(TenantLogs logs, LogSelection selection) =>
        [.. logs.Read(selection, CancellationToken.None).Select(e => $"{e.Stream["service_name"]}@{e.Row.TimeUnixNano / Second}:{e.Row.Body}")];

    [Fact]
    public void StreamsAreMergedInTimeOrderAcrossHeadAndParts()
    {
        using var logs = TenantLogs.Open(_directory, "acme");
        Append(logs, "api", (1, "a1"), (4, "a4"));
        Append(logs, "web", (2, "w2"));
        logs.Flush(logEnd: 0);
        Append(logs, "api", (3, "a3"), (6, "a6"));
        Append(logs, "web", (5, "w5"));

        Assert.Equal(["api@1:a1", "web@2:w2", "api@3:a3", "api@4:a4", "web@5:w5", "api@6:a6"], Lines(logs, Select(".+")));
        Assert.Equal(["api@6:a6", "web@5:w5", "api@4:a4", "api@3:a3", "web@2:w2", "api@1:a1"], Lines(logs, Select(".+", backward: true)));
    }

    [Fact]
    public void TheRangeIncludesItsStartAndExcludesItsEnd()
    {
        using var logs = TenantLogs.Open(_directory, "acme");
        Append(logs, "api", (1, "a"), (2, "b"), (3, "c"), (4, "d"));
        logs.Flush(logEnd: 0);

        Assert.Equal(["api@2:b", "api@3:c"], Lines(logs, Select("api", 2 * Second, 4 * Second)));
        Assert.Equal(["api@3:c", "api@2:b"], Lines(logs, Select("api", 2 * Second, 4 * Second, backward: true)));
    }

    [Fact]
    public void OnlySelectedStreamsAreRead()
    {
        using var logs = TenantLogs.Open(_directory, "acme");
        Append(logs, "api", (1, "a"));
        Append(logs, "web", (2, "w"));
        logs.Flush(logEnd: 0);

        Assert.Equal(["web@2:w"], Lines(logs, Select("web")));
        Assert.Equal(["{service_name=\"api\"}"], logs.Streams(Select("api")).Select(s => s.Key));
        Assert.Empty(Lines(logs, Select("db")));
    }

    [Fact]
    public void RecordsThatArrivedOutOfOrderAreReadInTimeOrder()
    {
        using var logs = TenantLogs.Open(_directory, "acme");
        Append(logs, "api", (5, "late"), (1, "early"), (3, "middle"));

        Assert.Equal(["api@1:early", "api@3:middle", "api@5:late"], Lines(logs, Select("api")));
        logs.Flush(logEnd: 0);
        Assert.Equal(["api@1:early", "api@3:middle", "api@5:late"], Lines(logs, Select("api")));
    }

    [Fact]
    public void BlocksWhoseBodiesCannotHoldTheRequiredTextAreSkipped()
    {
        using var logs = TenantLogs.Open(_directory, "acme");
        Append(logs, "api", (1, "connection refused"));
        logs.Flush(logEnd: 0);
        Append(logs, "api", (2, "request served"));
        logs.Flush(logEnd: 0);

        Assert.Equal(["api@1:connection refused"], Lines(logs, Select("api", required: "refused")));
    }

    [Fact]
    public void AReopenedTenantReadsItsPartsAndRemovesUnfinishedOnes()
    {
        using (var logs = TenantLogs.Open(_directory, "acme"))
        {
            Append(logs, "api", (1, "kept"));
            logs.Flush(logEnd: 0);
        }
        File.WriteAllBytes(Path.Combine(_directory, "0000000000000009.logpart.tmp"), [1, 2, 3]);

        using var reopened = TenantLogs.Open(_directory, "acme");
        Append(reopened, "api", (2, "new"));
        reopened.Flush(logEnd: 0);

        Assert.Equal(["api@1:kept", "api@2:new"], Lines(reopened, Select("api")));
        Assert.DoesNotContain(Directory.EnumerateFiles(_directory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Equal(2, reopened.Parts.Count);
    }

    [Fact]
    public void ADamagedPartIsSetAsideAndTheRestStayReadable()
    {
        using (var logs = TenantLogs.Open(_directory, "acme"))
        {
            Append(logs, "api", (1, "first"));
            logs.Flush(logEnd: 0);
            Append(logs, "api", (2, "second"));
            logs.Flush(logEnd: 0);
        }
        var damaged = Directory.EnumerateFiles(_directory).Order(StringComparer.Ordinal).Last();
        var bytes = File.ReadAllBytes(damaged);
        bytes[^3] ^= 0xFF;
        File.WriteAllBytes(damaged, bytes);

        using var reopened = TenantLogs.Open(_directory, "acme");

        Assert.Equal(["api@1:first"], Lines(reopened, Select("api")));
        Assert.Equal([damaged + ".damaged"], reopened.Damaged);
    }

    [Fact]
    public void AStreamLongerThanABlockIsSplitAndReadWhole()
    {
        using var logs = TenantLogs.Open(_directory, "acme");
        Append(logs, "api", [.. Enumerable.Range(0, 10_000).Select(i => ((long)i, $"line {i}"))]);
        logs.Flush(logEnd: 0);

        var part = Assert.Single(logs.Parts);
        Assert.Equal(3, Assert.Single(part.Streams).Blocks.Length);
        Assert.Equal(10_000, Lines(logs, Select("api")).Count);
        Assert.Equal("api@9999:line 9999", Lines(logs, Select("api", backward: true))[0]);
    }
}
