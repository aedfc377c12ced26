using System.Text;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Metrics;

namespace OllyStack.Alerting.Engine;

/// <summary>
/// Appends rule samples to the metrics topic of the durable log, as one gauge batch per call: the storage writer
/// stores them and the streaming engine sees them, exactly as if they had been ingested.
/// </summary>
public sealed class DurableLogRuleSampleSink(IDurableLog log) : IRuleSampleSink
{
    public async ValueTask WriteAsync(string tenant, IReadOnlyList<RuleSample> samples, CancellationToken cancellationToken)
    {
        if (samples.Count == 0) return;
        await log.AppendAsync(LogTopics.Metrics, Encode(tenant, samples), cancellationToken).ConfigureAwait(false);
    }

    private static byte[] Encode(string tenant, IReadOnlyList<RuleSample> samples)
    {
        using var batch = new MetricBatch { Tenant = tenant };
        foreach (var sample in samples)
        {
            var first = batch.Labels.Count;
            foreach (var label in sample.Labels) batch.AddLabel(Encoding.UTF8.GetBytes(label.Name), Encoding.UTF8.GetBytes(label.Value));
            var series = batch.EndSeries(first, MetricType.Gauge);
            if (series >= 0) batch.AddSample(series, sample.TimestampMs, sample.Value);
        }
        return BatchCodec.ToArray(batch);
    }
}
