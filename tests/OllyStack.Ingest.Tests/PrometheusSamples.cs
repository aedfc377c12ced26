using System.Globalization;
using OllyStack.Core.Metrics;

namespace OllyStack.Ingest.Tests;

/// <summary>One decoded sample with its series written the Prometheus way: <c>name{a="1",b="2"}</c>.</summary>
internal sealed record PrometheusSample(string Series, IReadOnlyDictionary<string, string> Labels, long TimestampMs, double Value, MetricType Type, SeriesFlags Flags)
{
    public string Name => Labels["__name__"];

    public string? Label(string name) => Labels.GetValueOrDefault(name);

    public static List<PrometheusSample> All(MetricBatch batch)
    {
        var samples = new List<PrometheusSample>();
        for (var i = 0; i < batch.SampleSeries.Count; i++)
        {
            var series = batch.SampleSeries[i];
            var labels = batch.LabelsOf(series).ToArray().Select(l => (Name: batch.GetString(l.Name), Value: batch.GetString(l.Value))).ToList();
            samples.Add(new PrometheusSample(SeriesText(labels), labels.ToDictionary(l => l.Name, l => l.Value), batch.SampleTimestamps[i],
                batch.SampleValues[i], batch.Series[series].Type, batch.Series[series].Flags));
        }
        return samples;
    }

    private static string SeriesText(List<(string Name, string Value)> labels)
    {
        var name = labels.FirstOrDefault(l => l.Name == "__name__").Value ?? "";
        var rest = labels.Where(l => l.Name != "__name__").Select(l => $"{l.Name}=\"{l.Value}\"").ToList();
        return rest.Count == 0 ? name : name + "{" + string.Join(",", rest) + "}";
    }

    public override string ToString() => $"{Series} {Value.ToString("R", CultureInfo.InvariantCulture)} @{TimestampMs}";
}
