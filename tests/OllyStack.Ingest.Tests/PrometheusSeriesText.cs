using System.Globalization;
using System.Text;
using OllyStack.Core.Metrics;

namespace OllyStack.Ingest.Tests;

/// <summary>Renders the samples of a metric batch as Prometheus text lines: <c>name{label="value",...} value</c>.</summary>
internal static class PrometheusSeriesText
{
    public static List<string> Samples(MetricBatch batch)
    {
        var lines = new List<string>();
        for (var i = 0; i < batch.SampleSeries.Count; i++)
        {
            var value = batch.SampleValues[i];
            lines.Add($"{Series(batch, batch.SampleSeries[i])} {value.ToString("R", CultureInfo.InvariantCulture)}");
        }
        return lines;
    }

    public static string Series(MetricBatch batch, int series)
    {
        var name = "";
        var labels = new StringBuilder();
        foreach (var label in batch.LabelsOf(series))
        {
            var labelName = batch.GetString(label.Name);
            var labelValue = batch.GetString(label.Value);
            if (labelName == "__name__") { name = labelValue; continue; }
            if (labels.Length > 0) labels.Append(',');
            labels.Append(labelName).Append("=\"").Append(labelValue).Append('"');
        }
        return $"{name}{{{labels}}}";
    }
}
