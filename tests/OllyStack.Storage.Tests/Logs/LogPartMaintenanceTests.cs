using OllyStack.Core.Batches;
using OllyStack.Storage.Index;
using OllyStack.Storage.Logs;
using OllyStack.Testing;

namespace OllyStack.Storage.Tests.Logs;

/// <summary>A tenant's log parts merged into fuller parts and dropped past retention, with reads unaffected.</summary>
public sealed class LogPartMaintenanceTests : IDisposable
{
    private const long Second = 1_000_000_000;
    private static readonly TimeSpan Retention = TimeSpan.FromDays(15);
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-logs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static LogSelection All => new([new LabelMatcher(LabelMatchType.Regex, "service_name", ".+")], 0, long.MaxValue, false, []);

    private static void Append(TenantLogs logs, string service, params (long Second, string Body)[] rows)
    {
        var stream = logs.Intern([new("service_name", service)]);
        logs.Append([.. rows.Select(r => new StoredLogEntry(stream, new LogRow(r.Second * Second, r.Second * Second, 9, "Information", r.Body, [], TraceId.Empty, SpanId.Empty, 0)))]);
    }

    private static List<string> Lines(TenantLogs logs) =>
        [.. logs.Read(All, CancellationToken.None).Select(e => $"{e.Stream["service_name"]}@{e.Row.TimeUnixNano / Second - Now}:{e.Row.Body}")];

    private string[] Files() => [.. Directory.EnumerateFiles(Path.Combine(_directory, "acme")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>Four flushes whose records interleave in time, so the merge has to order across parts.</summary>
    private static void FourFlushes(TenantLogs logs)
    {
        for (var flush = 0; flush < 4; flush++)
        {
            Append(logs, "api", (Now + flush, $"request {flush} served"), (Now + 10 - flush, $"late {flush}"));
            Append(logs, "web", (Now + 20 + flush, $"page {flush}"));
            logs.Flush(logEnd: 100 + flush);
        }
    }

    [Fact]
    public void FourFlushedPartsBecomeOneNextLevelPartWithEveryRecordInTimeOrder()
    {
        using var logs = TenantLogs.Open(Path.Combine(_directory, "acme"), "acme");
        FourFlushes(logs);
        var before = Lines(logs);

        Assert.Equal(1, logs.Maintain(Retention, CancellationToken.None));

        var part = Assert.Single(logs.Parts);
        Assert.Equal((new PartId(0, 3), (byte)1, 103L, 12L), (part.Id, part.Header.Level, part.Header.LogEnd, part.Header.RecordCount));
        Assert.Equal(["api", "web"], part.Streams.Select(s => s.Stream["service_name"]));
        Assert.All(part.Streams, s => Assert.Single(s.Blocks));
        Assert.Equal(before, Lines(logs));
        Assert.Equal(["api@0:request 0 served", "api@1:request 1 served", "api@2:request 2 served", "api@3:request 3 served", "api@7:late 3"], before.Take(5));
        Assert.Equal([new PartId(0, 3).FileName(".logpart")], Files());
    }

    [Fact]
    public void MergedPartsKeepTheirRecordsAndTheirLogEndAcrossReopening()
    {
        List<string> before;
        using (var logs = TenantLogs.Open(Path.Combine(_directory, "acme"), "acme"))
        {
            FourFlushes(logs);
            before = Lines(logs);
            logs.Maintain(Retention, CancellationToken.None);
        }
        using var reopened = TenantLogs.Open(Path.Combine(_directory, "acme"), "acme");

        Assert.Equal(before, Lines(reopened));
        Assert.Equal(103, reopened.DurableLogEnd);
        Assert.Equal(1, reopened.Parts[0].Header.Level);
    }

    [Fact]
    public void SourcesLeftBehindByACrashAfterTheMergeArePutAwayOnOpen()
    {
        var folder = Path.Combine(_directory, "acme");
        var aside = Directory.CreateTempSubdirectory("ollystack-aside-").FullName;
        List<string> before;
        using (var logs = TenantLogs.Open(folder, "acme"))
        {
            FourFlushes(logs);
            before = Lines(logs);
            foreach (var file in Files()) File.Copy(Path.Combine(folder, file), Path.Combine(aside, file));
            logs.Maintain(Retention, CancellationToken.None);
        }
        // As if the process died after publishing the merged part and before deleting its sources.
        foreach (var file in Directory.EnumerateFiles(aside)) File.Move(file, Path.Combine(folder, Path.GetFileName(file)));
        Directory.Delete(aside);

        using var reopened = TenantLogs.Open(folder, "acme");

        Assert.Equal(before, Lines(reopened));
        Assert.Equal([new PartId(0, 3).FileName(".logpart")], Files());
    }

    [Fact]
    public void SixteenFlushesSettleInOneSecondLevelPart()
    {
        using var logs = TenantLogs.Open(Path.Combine(_directory, "acme"), "acme");
        for (var flush = 0; flush < 16; flush++)
        {
            Append(logs, "api", (Now + flush, $"line {flush}"));
            logs.Flush(logEnd: flush + 1);
        }

        Assert.Equal(5, logs.Maintain(Retention, CancellationToken.None));

        var part = Assert.Single(logs.Parts);
        Assert.Equal((new PartId(0, 15), (byte)2, 16L), (part.Id, part.Header.Level, part.Header.RecordCount));
    }

    [Fact]
    public void PartsWhoseRecordsWouldSpanMoreThanADayAreNotMerged()
    {
        using var logs = TenantLogs.Open(Path.Combine(_directory, "acme"), "acme");
        for (var flush = 0; flush < 4; flush++)
        {
            Append(logs, "api", (Now - (3 - flush) * 10 * 3600, $"line {flush}"));
            logs.Flush(logEnd: flush + 1);
        }

        Assert.Equal(0, logs.Maintain(Retention, CancellationToken.None));
        Assert.Equal(4, logs.Parts.Count);
    }

    [Fact]
    public void PartsPastRetentionBehindTheNewestRecordAreDeleted()
    {
        using var logs = TenantLogs.Open(Path.Combine(_directory, "acme"), "acme");
        var day = 24 * 3600L;
        Append(logs, "api", (Now - 20 * day, "too old"));
        logs.Flush(logEnd: 1);
        Append(logs, "api", (Now - 14 * day, "kept"));
        logs.Flush(logEnd: 2);
        Append(logs, "api", (Now, "new"));
        logs.Flush(logEnd: 3);

        logs.Maintain(Retention, CancellationToken.None);

        Assert.Equal([$"api@{-14 * day}:kept", "api@0:new"], Lines(logs));
        Assert.Equal([new PartId(1, 1).FileName(".logpart"), new PartId(2, 2).FileName(".logpart")], Files());
    }

    [Fact]
    public void RetentionCountsBackFromTheClockWhenARecordIsStampedInTheFuture()
    {
        using var logs = TenantLogs.Open(Path.Combine(_directory, "acme"), "acme");
        Append(logs, "api", (Now - 3600, "an hour ago"));
        logs.Flush(logEnd: 1);
        Append(logs, "api", (Now + 100 * 24 * 3600, "a clock far ahead"));
        logs.Flush(logEnd: 2);

        logs.Maintain(Retention, CancellationToken.None);

        Assert.Equal(2, logs.Parts.Count);
    }

    [Fact]
    public void AReadThatHoldsPartsFinishesWhileAMergeRetiresThem()
    {
        using var logs = TenantLogs.Open(Path.Combine(_directory, "acme"), "acme");
        FourFlushes(logs);
        var expected = Lines(logs);

        using var reading = logs.Read(All, CancellationToken.None).GetEnumerator();
        Assert.True(reading.MoveNext());
        var seen = new List<string> { $"{reading.Current.Stream["service_name"]}@{reading.Current.Row.TimeUnixNano / Second - Now}:{reading.Current.Row.Body}" };
        logs.Maintain(Retention, CancellationToken.None);
        Assert.Equal(5, Files().Length);
        while (reading.MoveNext()) seen.Add($"{reading.Current.Stream["service_name"]}@{reading.Current.Row.TimeUnixNano / Second - Now}:{reading.Current.Row.Body}");
        reading.Dispose();

        Assert.Equal(expected, seen);
        Assert.Equal([new PartId(0, 3).FileName(".logpart")], Files());
    }

    [Fact]
    public async Task TheStoreMergesInTheBackgroundOnceFlushesHaveWrittenEnoughParts()
    {
        using var store = LogsStore.Open(new LogsStoreOptions { Directory = _directory });
        var logs = store.For("acme");
        for (var flush = 0; flush < 4; flush++)
        {
            Append(logs, "api", (Now + flush, $"line {flush}"));
            store.Flush(logEnd: flush + 1);
        }

        while (logs.Parts.Count != 1) await Task.Delay(10, TestTimeout.Token);

        Assert.Equal((byte)1, logs.Parts[0].Header.Level);
        Assert.Null(store.MaintenanceFailure);
    }

    [Fact]
    public void EachTenantKeepsItsOwnRetentionAndATenantTheControlPlaneDoesNotKnowKeepsTheConfiguredOne()
    {
        var tenants = new TenantRetentionDays().Set("brief", days: 1);
        using var store = LogsStore.Open(new LogsStoreOptions { Directory = _directory, TenantPolicies = tenants, MaintenanceInterval = TimeSpan.FromHours(1) });
        var day = 24 * 3600L;
        foreach (var tenant in new[] { "brief", "deleted" }) Append(store.For(tenant), "api", (Now - 3 * day, "old"));
        store.Flush(logEnd: 1);
        foreach (var tenant in new[] { "brief", "deleted" }) Append(store.For(tenant), "api", (Now, "new"));
        store.Flush(logEnd: 2);

        store.Maintain();
        Assert.Equal(["api@0:new"], Lines(store.For("brief")));
        Assert.Equal([$"api@{-3 * day}:old", "api@0:new"], Lines(store.For("deleted")));

        tenants.Set("deleted", days: 2);
        store.Maintain();
        Assert.Equal(["api@0:new"], Lines(store.For("deleted")));
    }
}
