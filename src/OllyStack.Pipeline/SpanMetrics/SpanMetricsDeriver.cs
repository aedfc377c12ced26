using System.Globalization;
using System.Text;
using OllyStack.Core.Batches;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;

namespace OllyStack.Pipeline.SpanMetrics;

/// <summary>
/// Derives the RED metrics of a span batch (<see cref="SpanMetricNames"/>): per service, operation (span name),
/// status code and span kind, the calls and a duration histogram. They are written as OpenTelemetry delta series,
/// which the metric store adds into cumulative counters, so the pipeline keeps no state and every acknowledged span
/// is counted once, whatever sampling later keeps of the spans themselves.
/// </summary>
public static class SpanMetricsDeriver
{
    private static readonly byte[] ServiceNameKey = "service.name"u8.ToArray();
    private static readonly string[] BucketBounds = [.. SpanMetricNames.DurationBuckets.Select(b => b.ToString(CultureInfo.InvariantCulture)), "+Inf"];

    /// <summary>
    /// The metrics of <paramref name="spans"/> and the service <paramref name="calls"/> they completed, sampled at
    /// <paramref name="nowMs"/>, for the same tenant; null if the batch has no span.
    /// </summary>
    public static MetricBatch? Derive(SpanBatch spans, IReadOnlyList<ServiceCall> calls, long nowMs)
    {
        if (spans.RecordCount == 0) return null;
        var groups = new Dictionary<SpanGroup, SpanGroupTotals>(new SpanGroupComparer(spans.Strings));
        for (var i = 0; i < spans.RecordCount; i++)
        {
            var group = new SpanGroup(spans.ResourceIndex[i], spans.Name[i], spans.StatusCode[i], spans.Kind[i]);
            if (!groups.TryGetValue(group, out var totals)) groups[group] = totals = new SpanGroupTotals(SpanMetricNames.DurationBuckets.Length + 1);
            totals.Add(Math.Max(0, spans.EndTimeUnixNano[i] - spans.StartTimeUnixNano[i]) / 1e9, SpanMetricNames.DurationBuckets);
        }
        var metrics = new MetricBatch { Tenant = spans.Tenant };
        foreach (var (group, totals) in groups) Write(metrics, spans, group, totals, nowMs);
        WriteCalls(metrics, calls, nowMs);
        AddMetadata(metrics);
        return metrics;
    }

    private static void Write(MetricBatch metrics, SpanBatch spans, SpanGroup group, SpanGroupTotals totals, long nowMs)
    {
        var service = Encoding.UTF8.GetBytes(ServiceOf(spans, group.Resource));
        var operation = spans.Strings[group.Name].ToArray();
        var status = Encoding.UTF8.GetBytes(SpanMetricNames.StatusCodeName(group.StatusCode));
        var kind = Encoding.UTF8.GetBytes(SpanMetricNames.SpanKindName(group.Kind));
        void Series(string name, MetricType type, double value, string? le = null)
        {
            var first = metrics.Labels.Count;
            metrics.AddLabel(MetricBatch.MetricNameLabel, Encoding.UTF8.GetBytes(name));
            metrics.AddLabel("service"u8, service);
            metrics.AddLabel("operation"u8, operation);
            metrics.AddLabel("status_code"u8, status);
            metrics.AddLabel("span_kind"u8, kind);
            if (le is not null) metrics.AddLabel("le"u8, Encoding.UTF8.GetBytes(le));
            var series = metrics.EndSeries(first, type, SeriesFlags.Delta);
            if (series >= 0) metrics.AddSample(series, nowMs, value);
        }
        Series(SpanMetricNames.Calls, MetricType.Counter, totals.Count);
        var cumulative = 0L;
        for (var b = 0; b < BucketBounds.Length; b++)
        {
            cumulative += totals.Buckets[b];
            Series(SpanMetricNames.Duration + "_bucket", MetricType.Histogram, cumulative, BucketBounds[b]);
        }
        Series(SpanMetricNames.Duration + "_sum", MetricType.Histogram, totals.SumSeconds);
        Series(SpanMetricNames.Duration + "_count", MetricType.Histogram, totals.Count);
    }

    /// <summary>Client-server call counts, and how many of them failed (the server span's status is error).</summary>
    private static void WriteCalls(MetricBatch metrics, IReadOnlyList<ServiceCall> calls, long nowMs)
    {
        foreach (var edge in calls.GroupBy(c => (c.Client, c.Server)))
        {
            Edge(SpanMetricNames.GraphRequests, edge.Count());
            Edge(SpanMetricNames.GraphFailedRequests, edge.Count(c => c.Failed));

            void Edge(string name, int count)
            {
                var first = metrics.Labels.Count;
                metrics.AddLabel(MetricBatch.MetricNameLabel, Encoding.UTF8.GetBytes(name));
                metrics.AddLabel("client"u8, Encoding.UTF8.GetBytes(edge.Key.Client));
                metrics.AddLabel("server"u8, Encoding.UTF8.GetBytes(edge.Key.Server));
                var series = metrics.EndSeries(first, MetricType.Counter, SeriesFlags.Delta);
                if (series >= 0) metrics.AddSample(series, nowMs, count);
            }
        }
    }

    /// <summary>The <c>service.name</c> of the resource, or <see cref="SpanMetricNames.UnknownService"/>.</summary>
    public static string ServiceOf(SpanBatch spans, int resource)
    {
        if (resource >= 0 && resource < spans.Resources.Count)
            foreach (var attribute in spans.AttributesOf(spans.Resources[resource].Attributes))
                if (attribute.Value.Kind == AnyValueKind.String && spans.Strings[attribute.Key].SequenceEqual(ServiceNameKey) && !attribute.Value.Text.IsEmpty)
                    return spans.Strings.GetString(attribute.Value.Text);
        return SpanMetricNames.UnknownService;
    }

    private static void AddMetadata(MetricBatch metrics)
    {
        var strings = metrics.Strings;
        metrics.Metadata.Add(new MetricMetadataRef(strings.Intern(SpanMetricNames.CallsFamily), MetricType.Counter, Utf8Ref.Empty,
            strings.Intern("Spans received, by service, operation, status code and span kind (derived at ingest, before sampling).")));
        metrics.Metadata.Add(new MetricMetadataRef(strings.Intern(SpanMetricNames.Duration), MetricType.Histogram, strings.Intern("seconds"),
            strings.Intern("Span durations, by service, operation, status code and span kind (derived at ingest, before sampling).")));
    }
}
