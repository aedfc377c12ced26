using OllyStack.Storage.Metrics;

namespace OllyStack.Storage.Tests.Metrics;

public sealed class HeadSeriesTests
{
    private const long Window = 60_000;

    [Fact]
    public void InOrderSamplesAreAppended()
    {
        var series = new HeadSeries();
        Assert.Equal(SampleAppend.Appended, series.Append(1000, 1, Window));
        Assert.Equal(SampleAppend.Appended, series.Append(2000, 2, Window));
        Assert.Equal([(1000L, 1.0), (2000L, 2.0)], Range(series, long.MinValue, long.MaxValue));
    }

    [Fact]
    public void ADuplicateTimestampKeepsTheLaterValue()
    {
        var series = new HeadSeries();
        series.Append(1000, 1, Window);
        series.Append(2000, 2, Window);

        Assert.Equal(SampleAppend.Deduplicated, series.Append(1000, 5, Window));
        Assert.Equal([(1000L, 5.0), (2000L, 2.0)], Range(series, long.MinValue, long.MaxValue));
    }

    [Fact]
    public void AnOutOfOrderSampleInsideTheWindowIsInsertedInPlace()
    {
        var series = new HeadSeries();
        series.Append(10_000, 1, Window);
        series.Append(30_000, 3, Window);

        Assert.Equal(SampleAppend.InsertedOutOfOrder, series.Append(20_000, 2, Window));
        Assert.Equal([10_000L, 20_000L, 30_000L], Range(series, long.MinValue, long.MaxValue).Select(s => s.Item1));
    }

    [Fact]
    public void ASampleOlderThanTheWindowIsDropped()
    {
        var series = new HeadSeries();
        series.Append(100_000, 1, Window);

        Assert.Equal(SampleAppend.TooOld, series.Append(30_000, 2, Window));
        Assert.Equal(1, series.Count);
    }

    [Fact]
    public void DeltaSamplesBecomeARunningTotal()
    {
        var series = new HeadSeries();
        series.AppendDelta(1000, 5, Window);
        series.AppendDelta(2000, 3, Window);
        series.AppendDelta(3000, 0, Window);

        Assert.Equal([5.0, 8.0, 8.0], Range(series, long.MinValue, long.MaxValue).Select(s => s.Item2));
    }

    [Fact]
    public void RangesIncludeBothEnds()
    {
        var series = new HeadSeries();
        for (var t = 0; t < 10; t++) series.Append(t * 1000, t, Window);

        Assert.Equal([3000L, 4000L, 5000L], Range(series, 3000, 5000).Select(s => s.Item1));
        Assert.Empty(Range(series, 10_000, 20_000));
    }

    [Fact]
    public void AFlushEmptiesTheSeriesButTheWindowStillJudgesLateSamples()
    {
        var series = new HeadSeries();
        for (var t = 1; t <= 5; t++) series.Append(t * 100_000, t, Window);

        Assert.Equal(5, series.ClearFlushed());

        Assert.Equal(0, series.Count);
        Assert.Equal(500_000, series.MaxTimestamp);
        Assert.Equal(SampleAppend.TooOld, series.Append(500_000 - Window - 1, 0, Window));
        Assert.Equal(SampleAppend.InsertedOutOfOrder, series.Append(450_000, 0, Window));
        Assert.Equal(SampleAppend.Appended, series.Append(600_000, 6, Window));
        Assert.Equal([450_000L, 600_000L], Range(series, long.MinValue, long.MaxValue).Select(s => s.Item1));
    }

    private static List<(long, double)> Range(HeadSeries series, long min, long max)
    {
        List<long> timestamps = [];
        List<double> values = [];
        series.CopyRange(min, max, timestamps, values);
        return timestamps.Zip(values).ToList();
    }
}
