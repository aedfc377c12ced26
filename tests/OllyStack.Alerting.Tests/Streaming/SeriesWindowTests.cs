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
}
