using OllyStack.Testing;
using OllyStack.Core.Batches;
using OllyStack.Core.Metrics;
using OllyStack.Storage.Index;
using OllyStack.Storage.Metrics;

namespace OllyStack.Storage.Tests.Metrics;

public sealed class MetricsHeadTests
{
    [Fact]
    public void SamplesOfTheSameSeriesAcrossBatchesLandInOneSeries()
    {
        var head = new MetricsHead(60_000);
        using var first = MetricBatches.Of("acme", ("__name__=up,job=node", 1000, 1), ("__name__=up,job=api", 1000, 0));
        using var second = MetricBatches.Of("acme", ("__name__=up,job=node", 2000, 1));

        var stats = head.Append(first);
        var again = head.Append(second);

        Assert.Equal(2, stats.NewSeries);
        Assert.Equal(0, again.NewSeries);
        Assert.Equal(2, head.SeriesCount);
        var node = Assert.Single(head.Select([new LabelMatcher(LabelMatchType.Equal, "job", "node")]));
        Assert.Equal(2, head.SeriesAt(node).Count);
        Assert.Equal([("__name__", "up"), ("job", "node")], head.LabelsOf(node));
    }

    [Fact]
    public void OnlyAppendsReachingBehindTheSettledAgeCountAsBackdated()
    {
        var head = new MetricsHead(60_000);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var recent = MetricBatches.Of("acme", ("__name__=up", now - 60_000, 1));
        using var late = MetricBatches.Of("acme", ("__name__=up,job=late", now - 60_000, 1), ("__name__=up,job=late", now - 3_600_000, 1));

        head.Append(recent);
        var afterRecent = head.BackdatedWrites;
        head.Append(late);

        Assert.Equal((0, 1), (afterRecent, head.BackdatedWrites));
    }

    [Fact]
    public void DeltaSeriesAreStoredCumulative()
    {
        var head = new MetricsHead(60_000);
        using var batch = MetricBatches.Of("acme", SeriesFlags.Delta, ("__name__=requests_total", 1000, 2), ("__name__=requests_total", 2000, 3));

        head.Append(batch);

        var series = head.SeriesAt(Assert.Single(head.Select([new LabelMatcher(LabelMatchType.Equal, "__name__", "requests_total")])));
        List<long> timestamps = [];
        List<double> values = [];
        series.CopyRange(0, 10_000, timestamps, values);
        Assert.Equal([2.0, 5.0], values);
    }

    [Fact]
    public void MetadataIsKeptPerFamily()
    {
        var head = new MetricsHead(60_000);
        using var batch = MetricBatches.Of("acme", ("__name__=http_requests_total", 1000, 1));
        batch.Metadata.Add(new MetricMetadataRef(batch.Strings.Intern("http_requests_total"), MetricType.Counter, Utf8Ref.Empty, batch.Strings.Intern("Requests served.")));

        head.Append(batch);

        Assert.Equal(new MetricMetadata(MetricType.Counter, "", "Requests served."), head.Metadata()["http_requests_total"]);
    }

    [Fact]
    public void ClearingAfterAFlushEmptiesEverySeriesButKeepsTheIndex()
    {
        var head = new MetricsHead(60_000);
        using var batch = MetricBatches.Of("acme", ("__name__=up,job=a", 1_000, 1), ("__name__=up,job=a", 2_000, 1), ("__name__=up,job=b", 2_000, 0));
        head.Append(batch);
        Assert.Equal(3, head.SampleCount);

        head.ClearFlushed();

        Assert.Equal(0, head.SampleCount);
        Assert.Equal(2, head.SeriesCount);
        Assert.All(head.AllSeries(), s => Assert.Equal(0, s.Count));
        Assert.Equal(2_000, head.MaxTimestamp);
    }

    [Fact]
    public void RestoringKeysGivesTheSameRefsInTheSameOrder()
    {
        var original = new MetricsHead(60_000);
        using var batch = MetricBatches.Of("acme", ("__name__=up,job=b", 1_000, 1), ("__name__=up,job=a", 1_000, 1));
        original.Append(batch);

        var restored = new MetricsHead(60_000);
        restored.Restore([original.KeyOf(0).ToArray(), original.KeyOf(1).ToArray()]);

        Assert.Equal(original.LabelsOf(0), restored.LabelsOf(0));
        Assert.Equal(original.LabelsOf(1), restored.LabelsOf(1));
        Assert.Throws<InvalidDataException>(() => new MetricsHead(60_000).Restore([original.KeyOf(0).ToArray(), original.KeyOf(0).ToArray()]));
    }

    [Fact]
    public void LabelNamesAndValuesComeFromTheIndex()
    {
        var head = new MetricsHead(60_000);
        using var batch = MetricBatches.Of("acme", ("__name__=up,job=node,zone=eu", 1000, 1), ("__name__=up,job=api", 1000, 1));

        head.Append(batch);

        Assert.Equal(["__name__", "job", "zone"], head.LabelNames());
        Assert.Equal(["api", "node"], head.LabelValues("job"));
    }
}
