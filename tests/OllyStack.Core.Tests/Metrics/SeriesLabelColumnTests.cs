using OllyStack.Core.Batches;
using OllyStack.Core.Metrics;

namespace OllyStack.Core.Tests.Metrics;

/// <summary>The logged form of metric labels: each label relative to the previous series' label at the same position.</summary>
public sealed class SeriesLabelColumnTests
{
    [Fact]
    public void SeriesWithSharedDifferentFewerAndMoreLabelsRoundTrip()
    {
        using var batch = Batch(
            [("__name__", "up"), ("instance", "a:9100"), ("job", "node")],
            [("__name__", "up"), ("instance", "b:9100"), ("job", "node")],
            [("__name__", "build_info"), ("job", "node")],
            [("__name__", "build_info"), ("job", "node"), ("version", "2.42"), ("zone", "eu")],
            [("a", "1")]);

        using var read = new MetricBatch();
        BatchCodec.Read(BatchCodec.ToArray(batch), read);

        Assert.Equal(Text(batch), Text(read));
    }

    [Fact]
    public void ALabelSharedWithThePreviousSeriesCostsTwoBitsNotItsStrings()
    {
        using var shared = Batch([("job", "node"), ("zone", "eu")], [("job", "node"), ("zone", "eu")]);
        var column = shared.Columns.OfType<SeriesLabelColumn>().Single();

        // First series: 1 bitmap byte + 4 refs of 2 varints; second: 1 bitmap byte and nothing else.
        Assert.Equal(1 + 4 * 2 + 1, column.AsBytes().Length);
    }

    [Fact]
    public void ABitPointingPastThePreviousSeriesIsRefused()
    {
        using var batch = Batch([("job", "node")], [("job", "node")]);
        var bytes = BatchCodec.ToArray(batch);
        var column = batch.Columns.OfType<SeriesLabelColumn>().Single();
        var encoded = column.AsBytes().ToArray();
        // The first series claims its name equals the previous series' (there is none).
        var at = IndexOf(bytes, encoded);
        bytes[at] |= 1;

        var error = Assert.Throws<InvalidDataException>(() => BatchCodec.Read(bytes, new MetricBatch()));
        Assert.Contains("previous series", error.Message);
    }

    [Fact]
    public void EncodingThatEndsInsideAVarintIsRefused()
    {
        using var batch = Batch([("job", "node")]);
        var column = batch.Columns.OfType<SeriesLabelColumn>().Single();
        using var target = new MetricBatch();
        target.Series.Add(new SeriesRef(0, 1, MetricType.Gauge, SeriesFlags.None));
        var reader = target.Columns.OfType<SeriesLabelColumn>().Single();

        Assert.Throws<InvalidDataException>(() => reader.Load(1, column.AsBytes()[..^1]));
    }

    [Fact]
    public void SeriesThatDoNotFollowOnAreRefused()
    {
        using var target = new MetricBatch();
        target.Series.Add(new SeriesRef(1, 1, MetricType.Gauge, SeriesFlags.None));
        var reader = target.Columns.OfType<SeriesLabelColumn>().Single();

        var error = Assert.Throws<InvalidDataException>(() => reader.Load(1, [0, 0, 0, 0, 0]));
        Assert.Contains("do not follow on", error.Message);
    }

    private static MetricBatch Batch(params (string Name, string Value)[][] series)
    {
        var batch = new MetricBatch { Tenant = "acme" };
        foreach (var labels in series)
        {
            var first = batch.Labels.Count;
            foreach (var (name, value) in labels) batch.AddLabel(batch.Strings.Intern(name), batch.Strings.Intern(value));
            var index = batch.EndSeries(first, MetricType.Gauge);
            batch.AddSample(index, 1000, 1);
        }
        return batch;
    }

    private static List<string> Text(MetricBatch batch) =>
        Enumerable.Range(0, batch.Series.Count)
            .Select(s => string.Join(",", batch.LabelsOf(s).ToArray().Select(l => $"{batch.GetString(l.Name)}={batch.GetString(l.Value)}")))
            .ToList();

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new InvalidOperationException("encoded labels not found in the batch");
    }
}
