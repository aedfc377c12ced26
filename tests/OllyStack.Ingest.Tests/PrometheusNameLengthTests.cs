using System.Text;
using OllyStack.Ingest.Metrics;
using static OllyStack.Ingest.Tests.OtlpJsonDecoding;

namespace OllyStack.Ingest.Tests;

/// <summary>Metric names stay within the writer's name buffer whatever the sender's name and unit.</summary>
public class PrometheusNameLengthTests
{
    [Fact]
    public void AUnitTooLongToSpellOutIsLeftOffTheName()
    {
        var destination = new byte[PrometheusNames.MaxNameLength + 96];

        var length = PrometheusNames.MetricFamily("queue.depth"u8, new string('b', 600), isGauge: false, isMonotonicSum: true, destination);

        Assert.Equal("queue_depth_total", Encoding.ASCII.GetString(destination, 0, length));
    }

    [Fact]
    public void ALongestNameWithALongestUnitStillTakesTheHistogramSuffixes()
    {
        var name = new string('a', 600);
        var unit = new string('b', 50);

        var batch = DecodeMetrics(MetricRequest($$$"""{"name":"{{{name}}}","unit":"{{{unit}}}","histogram":{"dataPoints":[{"count":"1"}]}}"""));

        var bucket = PrometheusSeriesText.Series(batch, 0);
        Assert.EndsWith($"_{unit}_bucket{{job=\"checkout\",le=\"+Inf\"}}", bucket);
    }
}
