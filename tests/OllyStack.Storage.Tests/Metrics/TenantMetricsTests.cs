using OllyStack.Core.Metrics;
using OllyStack.Storage.Codecs;
using OllyStack.Storage.Index;
using OllyStack.Storage.Metrics;
using OllyStack.Storage.Metrics.Parts;
using OllyStack.Testing;

namespace OllyStack.Storage.Tests.Metrics;

/// <summary>A tenant's store across flushes, merges, retention and restarts.</summary>
public sealed class TenantMetricsTests : IDisposable
{
    private static readonly long Day0 = new Partition(20_000).StartMs;
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-tenant-metrics-").FullName;
    private TenantMetrics _tenant;

    public TenantMetricsTests() => _tenant = Open();

    public void Dispose()
    {
        _tenant.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void AFlushWritesOnePartPerDayAndEmptiesTheHead()
    {
        Append(("__name__=up,job=a", Day0 + 1_000, 1), ("__name__=up,job=a", Day0 + Partition.DayMs + 1_000, 2), ("__name__=up,job=b", Day0 + 5_000, 3));

        Assert.Equal(2, _tenant.Flush());

        Assert.Equal(0, _tenant.Head.SampleCount);
        Assert.Equal([new Partition(20_000), new Partition(20_001)], _tenant.Parts.Current.Select(p => p.Partition));
        Assert.All(_tenant.Parts.Current, p => Assert.Equal(0, p.Header.Level));
        Assert.Equal([Day0 + 1_000, Day0 + Partition.DayMs + 1_000], ReadAll("a").Timestamps.ToArray());
    }

    [Fact]
    public void AReadSeesHeadAndPartsAndTheHeadWinsADuplicate()
    {
        Append(("__name__=up,job=a", Day0 + 1_000, 1), ("__name__=up,job=a", Day0 + 2_000, 2));
        _tenant.Flush();
        Append(("__name__=up,job=a", Day0 + 2_000, 20), ("__name__=up,job=a", Day0 + 3_000, 3));

        var samples = ReadAll("a");

        Assert.Equal([Day0 + 1_000, Day0 + 2_000, Day0 + 3_000], samples.Timestamps.ToArray());
        Assert.Equal([1.0, 20, 3], samples.Values.ToArray());
        Assert.Equal(Select("a"), _tenant.WithSamplesIn(Select("a"), Day0 + 1_500, Day0 + 1_600));
        Assert.Empty(_tenant.WithSamplesIn(Select("a"), Day0 + 10_000, Day0 + 20_000));
    }

    [Fact]
    public void ALargeSelectionReadOnSeveralThreadsGivesEverySeriesInRefOrder()
    {
        // Enough series for the read to be split into slices; each has samples in a part, in the head, and one past the range.
        const int series = 3_000;
        Append(Enumerable.Range(0, series).Select(i => ($"__name__=up,job=j{i}", Day0 + 1_000, (double)i)).ToArray());
        _tenant.Flush();
        Append(Enumerable.Range(0, series).SelectMany(i => new[] { ($"__name__=up,job=j{i}", Day0 + 2_000, i + 0.5), ($"__name__=up,job=j{i}", Day0 + 9_000, -1.0) }).ToArray());
        var refs = _tenant.Head.Select([new LabelMatcher(LabelMatchType.Equal, "__name__", "up")]);

        var read = _tenant.Read(refs, Day0, Day0 + 5_000);

        Assert.Equal(refs, read.Select(r => r.Ref));
        Assert.All(read, r =>
        {
            var i = int.Parse(_tenant.Head.LabelsOf(r.Ref).Single(l => l.Name == "job").Value[1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal([Day0 + 1_000, Day0 + 2_000], r.Timestamps.ToArray());
            Assert.Equal([i, i + 0.5], r.Values.ToArray());
        });
    }

    [Fact]
    public void ARestartKeepsSeriesRefsPartsAndMetadata()
    {
        using (var batch = MetricBatches.Of("acme", ("__name__=up,job=b", Day0, 1), ("__name__=up,job=a", Day0, 2)))
        {
            batch.Metadata.Add(new MetricMetadataRef(batch.Strings.Intern("up"), MetricType.Gauge, Core.Batches.Utf8Ref.Empty, batch.Strings.Intern("Target up.")));
            _tenant.Head.Append(batch);
        }
        _tenant.Flush();
        Append(("__name__=up,job=c", Day0 + 1_000, 3));

        Reopen();

        Assert.Equal(2, _tenant.Head.SeriesCount);
        Assert.Equal([Day0], ReadAll("b").Timestamps.ToArray());
        Assert.Equal([2.0], ReadAll("a").Values.ToArray());
        Assert.Equal("Target up.", _tenant.Head.Metadata()["up"].Help);
        Append(("__name__=up,job=c", Day0 + 1_000, 3));
        _tenant.Flush();
        Reopen();
        Assert.Equal([3.0], ReadAll("c").Values.ToArray());
    }

    [Fact]
    public void FlushesMergeByLevelAndAClosedDayEndsAsOneZstandardPart()
    {
        for (var flush = 0; flush < 5; flush++)
        {
            Append(("__name__=up,job=a", Day0 + flush * 1_000, flush), ("__name__=up,job=b", Day0 + flush * 1_000, -flush));
            _tenant.Flush();
        }

        Assert.Equal(1, _tenant.Maintain(CancellationToken.None));
        Assert.Equal([1, 0], _tenant.Parts.Current.Select(p => p.Header.Level));

        Append(("__name__=up,job=a", Day0 + Partition.DayMs + 11 * 60_000, 9));
        _tenant.Flush();
        Assert.Equal(1, _tenant.Maintain(CancellationToken.None));

        var day = _tenant.Parts.Current.Where(p => p.Partition == new Partition(20_000)).ToList();
        Assert.Equal(new PartId(0, 4), Assert.Single(day).Id);
        Assert.Equal([0.0, 1, 2, 3, 4, 9], ReadAll("a").Values.ToArray());
        Assert.Equal([0.0, -1, -2, -3, -4], ReadAll("b").Values.ToArray());
    }

    [Fact]
    public void AForceMergeLeavesOneCompactPartPerDayWithEverySample()
    {
        foreach (var (day, offset) in new[] { (Day0, 0), (Day0 + Partition.DayMs, 10) })
        {
            for (var flush = 0; flush < 3; flush++)
            {
                Append(("__name__=up,job=a", day + flush * 1_000, offset + flush));
                _tenant.Flush();
            }
        }

        Assert.Equal(2, _tenant.ForceMerge(CancellationToken.None));

        Assert.Equal(2, _tenant.Parts.Current.Count);
        Assert.All(_tenant.Parts.Current, p => Assert.True(p.Header.Level >= MergePolicy.FirstCompactLevel));
        Assert.Equal([0.0, 1, 2, 10, 11, 12], ReadAll("a").Values.ToArray());
        Assert.Equal(0, _tenant.ForceMerge(CancellationToken.None));
    }

    [Fact]
    public void DaysPastRetentionAreDroppedAndLateSamplesForThemAreNotWritten()
    {
        _tenant.Dispose();
        _tenant = Open(retention: TimeSpan.FromDays(1));
        Append(("__name__=up,job=a", Day0 + 1_000, 1));
        _tenant.Flush();
        Append(("__name__=up,job=a", Day0 + 2 * Partition.DayMs + 1_000, 2));
        _tenant.Flush();

        _tenant.Maintain(CancellationToken.None);

        Assert.Equal([new Partition(20_002)], _tenant.Parts.Current.Select(p => p.Partition));
        Assert.Equal([2.0], ReadAll("a").Values.ToArray());
    }

    [Fact]
    public void TheTenantsOwnRetentionOverridesTheConfiguredOneAndAChangeAppliesAtTheNextRound()
    {
        var tenants = new TenantRetentionDays().Set("acme", days: 3);
        _tenant.Dispose();
        _tenant = Open(tenants: tenants);
        Append(("__name__=up,job=a", Day0 + 1_000, 1));
        _tenant.Flush();
        Append(("__name__=up,job=a", Day0 + 2 * Partition.DayMs + 1_000, 2));
        _tenant.Flush();

        _tenant.Maintain(CancellationToken.None);
        Assert.Equal([1.0, 2], ReadAll("a").Values.ToArray());

        tenants.Set("acme", days: 1);
        _tenant.Maintain(CancellationToken.None);
        Assert.Equal([2.0], ReadAll("a").Values.ToArray());
    }

    [Fact]
    public void ASampleStampedFarInTheFutureDoesNotExpireTodaysData()
    {
        var today = Partition.Of(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).StartMs;
        Append(("__name__=up,job=a", today, 1), ("__name__=up,job=b", today + 50 * 365 * Partition.DayMs, 2));
        _tenant.Flush();

        _tenant.Maintain(CancellationToken.None);

        Assert.Equal([today], ReadAll("a").Timestamps.ToArray());
        Assert.Equal(2, _tenant.Parts.Current.Count);
    }

    private TenantMetrics Open(TimeSpan? retention = null, TenantRetentionDays? tenants = null) => TenantMetrics.Open(_directory, "acme", new MetricsStoreOptions
    {
        Directory = _directory,
        Retention = retention ?? TimeSpan.FromDays(15),
        TenantPolicies = tenants,
    });

    private void Reopen()
    {
        _tenant.Dispose();
        _tenant = Open();
    }

    private void Append(params (string Labels, long TimestampMs, double Value)[] samples)
    {
        using var batch = MetricBatches.Of("acme", samples);
        _tenant.Head.Append(batch);
    }

    private uint[] Select(string job) => _tenant.Head.Select([new LabelMatcher(LabelMatchType.Equal, "job", job)]);

    private SeriesSamples ReadAll(string job) => Assert.Single(_tenant.Read(Select(job), long.MinValue, long.MaxValue));
}
