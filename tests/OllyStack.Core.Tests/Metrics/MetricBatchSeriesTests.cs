using System.Text;
using OllyStack.Core.Metrics;

namespace OllyStack.Core.Tests.Metrics;

public sealed class MetricBatchSeriesTests : IDisposable
{
    private readonly MetricBatch batch = new();

    public void Dispose() => batch.Dispose();

    private string[] Names(int series) => batch.LabelsOf(series).ToArray().Select(l => batch.GetString(l.Name)).ToArray();

    private string[] Pairs(int series) =>
        batch.LabelsOf(series).ToArray().Select(l => $"{batch.GetString(l.Name)}={batch.GetString(l.Value)}").ToArray();

    [Fact]
    public void LabelsAreSortedByTheirNameBytes()
    {
        var first = batch.Labels.Count;
        batch.AddLabel("zone"u8, "eu"u8);
        batch.AddLabel("alpha"u8, "1"u8);
        batch.AddLabel("__name__"u8, "up"u8);
        batch.AddLabel("Beta"u8, "2"u8);
        batch.AddLabel("alp"u8, "3"u8);

        var series = batch.EndSeries(first, MetricType.Gauge);

        // Ordinal byte order: upper case (0x42) before '_' (0x5F) before lower case; a prefix before its extensions.
        Assert.Equal(["Beta", "__name__", "alp", "alpha", "zone"], Names(series));
        Assert.Equal(new SeriesRef(first, 5, MetricType.Gauge, SeriesFlags.None), batch.Series[series]);
    }

    [Fact]
    public void NonAsciiNamesSortByUtf8BytesNotByChars()
    {
        var first = batch.Labels.Count;
        batch.AddLabel(Encoding.UTF8.GetBytes("\u00e9t\u00e9"), "1"u8);   // 0xC3 0xA9 ...
        batch.AddLabel(Encoding.UTF8.GetBytes("\uff41"), "2"u8);           // 0xEF 0xBD 0x81
        batch.AddLabel("z"u8, "3"u8);

        var series = batch.EndSeries(first, MetricType.Gauge);

        Assert.Equal(["z", "\u00e9t\u00e9", "\uff41"], Names(series));
    }

    [Fact]
    public void LabelsWithEmptyValuesAreDropped()
    {
        var first = batch.Labels.Count;
        batch.AddLabel("__name__"u8, "requests_total"u8);
        batch.AddLabel("path"u8, ""u8);
        batch.AddLabel("method"u8, "GET"u8);
        batch.AddLabel("code"u8, ""u8);

        var series = batch.EndSeries(first, MetricType.Counter, SeriesFlags.Delta);

        Assert.Equal(["__name__=requests_total", "method=GET"], Pairs(series));
        Assert.Equal(first + 2, batch.Labels.Count);
        Assert.Equal(SeriesFlags.Delta, batch.Series[series].Flags);
        Assert.Equal(MetricType.Counter, batch.Series[series].Type);
    }

    [Fact]
    public void DuplicateNamesReturnMinusOneAndRollBackTheLabels()
    {
        var kept = batch.EndSeries(AddLabels(("__name__", "up"), ("job", "api")), MetricType.Gauge);
        var labelsBefore = batch.Labels.Count;

        var rejected = batch.EndSeries(AddLabels(("__name__", "up"), ("job", "api"), ("job", "web")), MetricType.Gauge);

        Assert.Equal(-1, rejected);
        Assert.Equal(labelsBefore, batch.Labels.Count);
        Assert.Equal(1, batch.Series.Count);
        Assert.Equal(["__name__=up", "job=api"], Pairs(kept));
    }

    [Fact]
    public void ANameRepeatedWithAnEmptyValueIsNotADuplicate()
    {
        var series = batch.EndSeries(AddLabels(("__name__", "up"), ("job", ""), ("job", "api")), MetricType.Gauge);

        Assert.Equal(["__name__=up", "job=api"], Pairs(series));
    }

    [Fact]
    public void SeriesAfterARejectedOneStartWhereTheRejectedOneBegan()
    {
        var first = AddLabels(("a", "1"), ("a", "2"));
        Assert.Equal(-1, batch.EndSeries(first, MetricType.Gauge));

        var next = batch.EndSeries(AddLabels(("b", "1")), MetricType.Gauge);

        Assert.Equal(0, next);
        Assert.Equal(new SeriesRef(first, 1, MetricType.Gauge, SeriesFlags.None), batch.Series[next]);
        Assert.Equal(["b=1"], Pairs(next));
    }

    [Fact]
    public void SamplesPointAtTheirSeries()
    {
        var a = batch.EndSeries(AddLabels(("__name__", "a")), MetricType.Gauge);
        var b = batch.EndSeries(AddLabels(("__name__", "b")), MetricType.Gauge);

        batch.AddSample(b, 1000, 1.5);
        batch.AddSample(a, 2000, -2);

        Assert.Equal(2, batch.RecordCount);
        Assert.Equal([b, a], batch.SampleSeries.Span.ToArray());
        Assert.Equal([1000L, 2000], batch.SampleTimestamps.Span.ToArray());
        Assert.Equal([1.5, -2], batch.SampleValues.Span.ToArray());
    }

    private int AddLabels(params (string Name, string Value)[] labels)
    {
        var first = batch.Labels.Count;
        foreach (var (name, value) in labels) batch.AddLabel(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(value));
        return first;
    }
}
