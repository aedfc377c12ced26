using OllyStack.Storage.Index;

namespace OllyStack.Storage.Tests.Index;

public sealed class SeriesIndexTests
{
    [Fact]
    public void TheSameLabelSetGetsTheSameRefAndADifferentOneANewRef()
    {
        var index = new SeriesIndex();
        var a = index.GetOrAdd(Labels("__name__=up", "job=node"));
        var b = index.GetOrAdd(Labels("__name__=up", "job=api"));

        Assert.Equal(a, index.GetOrAdd(Labels("__name__=up", "job=node")));
        Assert.NotEqual(a, b);
        Assert.Equal(2, index.SeriesCount);
        Assert.Equal(Labels("__name__=up", "job=api"), index.LabelStrings(b));
    }

    [Fact]
    public void SeriesWhoseHashesCollideStayDistinct()
    {
        var index = new SeriesIndex(_ => 42);
        var a = index.GetOrAdd(Labels("__name__=up", "job=node"));
        var b = index.GetOrAdd(Labels("__name__=up", "job=api"));
        var c = index.GetOrAdd(Labels("__name__=down"));

        Assert.Equal([a, b, c], new[] { a, b, c }.Distinct());
        Assert.Equal(b, index.GetOrAdd(Labels("__name__=up", "job=api")));
        Assert.Equal(2, index.HashCollisions);
        Assert.Equal([b], index.Select([new LabelMatcher(LabelMatchType.Equal, "job", "api")]));
    }

    [Fact]
    public void TheSeriesHashIsStableAcrossIndexes()
    {
        var first = new SeriesIndex();
        var second = new SeriesIndex();
        second.GetOrAdd(Labels("__name__=other"));
        var labels = Labels("__name__=up", "instance=a:9100");

        Assert.Equal(first.HashOf(first.GetOrAdd(labels)), second.HashOf(second.GetOrAdd(labels)));
        Assert.Equal(SeriesKey.Hash(SeriesKey.Of(labels)), first.HashOf(0));
    }

    [Fact]
    public void UnsortedOrEmptyValuedLabelsAreRefused()
    {
        var index = new SeriesIndex();
        Assert.Throws<ArgumentException>(() => index.GetOrAdd(Labels("job=node", "__name__=up")));
        Assert.Throws<ArgumentException>(() => index.GetOrAdd([("__name__", "up"), ("job", "")]));
    }

    [Fact]
    public void LabelNamesAndValuesAreSortedAndCanBeLimitedToSeries()
    {
        var index = new SeriesIndex();
        var up = index.GetOrAdd(Labels("__name__=up", "job=node", "zone=eu"));
        index.GetOrAdd(Labels("__name__=up", "job=api"));
        index.GetOrAdd(Labels("__name__=build_info", "version=1"));

        Assert.Equal(["__name__", "job", "version", "zone"], index.LabelNames());
        Assert.Equal(["api", "node"], index.LabelValues("job"));
        Assert.Equal(["__name__", "job", "zone"], index.LabelNames([up]));
        Assert.Equal(["node"], index.LabelValues("job", [up]));
        Assert.Empty(index.LabelValues("missing"));
    }

    internal static List<(string Name, string Value)> Labels(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).Select(p => (p[0], p[1])).ToList();
}
