using OllyStack.Alerting.Streaming;

namespace OllyStack.Alerting.Tests.Streaming;

public sealed class SeriesWindowTests
{
    private static (long, double)[] Samples(SeriesWindow window) => [.. window.Timestamps.ToArray().Zip(window.Values.ToArray())];

    [Fact]
    public void LateSamplesAreInsertedInPlaceAndARepeatedTimestampReplacesTheValue()
    {
        var window = new SeriesWindow();
        window.Add(10, 1);
        window.Add(30, 3);
        window.Add(20, 2);
        window.Add(30, 4);
        window.Add(5, 0);

        Assert.Equal([(5L, 0.0), (10L, 1.0), (20L, 2.0), (30L, 4.0)], Samples(window));
    }

    [Fact]
    public void TrimmingDropsTheOldestAndTheRoomIsReusedAsTheWindowSlides()
    {
        var window = new SeriesWindow();
        for (var t = 0; t < 1_000; t++)
        {
            window.Add(t, t);
            window.TrimBefore(t - 9);
        }

        Assert.Equal(Enumerable.Range(990, 10).Select(t => ((long)t, (double)t)), Samples(window));
        var (timestamps, values) = window.Copy(995, 996);
        Assert.Equal([995L, 996L], timestamps);
        Assert.Equal([995.0, 996.0], values);
        Assert.Equal(10, window.Copy(0, long.MaxValue).Timestamps.Length);
    }

    [Fact]
    public void ALateSampleLandsInPlaceWhenMakingRoomMovesTheSamples()
    {
        var window = new SeriesWindow();
        for (var t = 0; t < 8; t++) window.Add(t * 10, t);
        window.TrimBefore(30);
        for (var t = 8; t < 13; t++) window.Add(t * 10, t);

        window.Add(45, 4.5);

        Assert.Equal([30L, 40, 45, 50, 60, 70, 80, 90, 100, 110, 120], window.Timestamps.ToArray());
        Assert.Equal(4.5, window.Values[2]);
    }

    [Fact]
    public void PositionsStayPutAsTheWindowSlidesAndEditsOfThePastAreCounted()
    {
        var window = new SeriesWindow();
        for (var t = 0; t < 100; t++) window.Add(t, t);
        window.TrimBefore(90);
        Assert.Equal(90, window.Dropped);
        Assert.Equal(100, window.End);
        Assert.Equal(95, window.TimestampAt(95));
        Assert.Equal(93, window.PositionAtOrAfter(93));
        Assert.Equal(0, window.Rewrites);

        window.Add(95, -1);
        window.Add(200, 200);
        Assert.Equal(1, window.Rewrites);
        Assert.Equal(-1, window.ValueAt(95));
        Assert.Equal(200, window.TimestampAt(100));
    }
}
