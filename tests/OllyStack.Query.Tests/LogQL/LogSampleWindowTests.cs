using OllyStack.Query.LogQL.Evaluation;

namespace OllyStack.Query.Tests.LogQL;

/// <summary>A series' samples stay in time order however they arrive, and a span or a trim cuts them at the right places.</summary>
public sealed class LogSampleWindowTests
{
    /// <summary>The samples of a span as <c>time:value</c>.</summary>
    private static string[] All(LogSampleWindow window, long start = long.MinValue, long end = long.MaxValue)
    {
        var (times, values) = window.Between(start, end);
        return [.. times.ToArray().Zip(values.ToArray(), (t, v) => $"{t}:{v}")];
    }

    [Fact]
    public void LateSamplesTakeTheirPlaceAfterSamplesOfTheSameTime()
    {
        var window = new LogSampleWindow();
        foreach (var (time, value) in new[] { (10L, 1.0), (30, 2), (20, 3), (30, 4), (5, 5), (20, 6), (40, 7) }) window.Add(time, value);

        Assert.Equal(["5:5", "10:1", "20:3", "20:6", "30:2", "30:4", "40:7"], All(window));
    }

    [Fact]
    public void ASpanIsHalfOpenAndATrimKeepsTheCutoff()
    {
        var window = new LogSampleWindow();
        for (var t = 0L; t < 10; t++) window.Add(t * 10, t);

        Assert.Equal(["20:2", "30:3", "40:4"], All(window, 20, 50));
        Assert.Empty(All(window, 91, 200));

        window.TrimBefore(70);
        Assert.Equal(3, window.Count);
        Assert.Equal(["70:7", "80:8", "90:9"], All(window));
        window.Add(75, 7.5);
        Assert.Equal(["70:7", "75:7.5", "80:8", "90:9"], All(window));
    }
}
