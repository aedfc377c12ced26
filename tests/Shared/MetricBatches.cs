using OllyStack.Core.Metrics;

namespace OllyStack.Testing;

/// <summary>Builds metric batches as the receivers would: series of sorted labels and samples.</summary>
internal static class MetricBatches
{
    public static MetricBatch Of(string tenant, params (string Labels, long TimestampMs, double Value)[] samples) =>
        Of(tenant, SeriesFlags.None, samples);

    public static MetricBatch Of(string tenant, SeriesFlags flags, params (string Labels, long TimestampMs, double Value)[] samples)
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
            var series = batch.EndSeries(first, MetricType.Gauge, flags);
            batch.AddSample(series, timestamp, value);
        }
        return batch;
    }
}
