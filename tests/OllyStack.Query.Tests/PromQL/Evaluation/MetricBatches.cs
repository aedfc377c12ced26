using OllyStack.Core.Metrics;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

/// <summary>Builds metric batches as the receivers would: one series of sorted "name=value" labels per sample.</summary>
internal static class MetricBatches
{
    public static MetricBatch Of(string tenant, params (string Labels, long TimestampMs, double Value)[] samples)
    {
        var batch = new MetricBatch { Tenant = tenant };
        foreach (var (labels, timestamp, value) in samples)
        {
            var first = batch.Labels.Count;
            foreach (var pair in labels.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                batch.AddLabel(batch.Strings.Intern(parts[0]), batch.Strings.Intern(parts[1]));
            }
            var series = batch.EndSeries(first, MetricType.Gauge);
            batch.AddSample(series, timestamp, value);
        }
        return batch;
    }
}
