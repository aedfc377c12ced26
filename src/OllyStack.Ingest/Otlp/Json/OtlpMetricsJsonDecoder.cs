using System.Text.Json;
using OllyStack.Core.Batches;
using OllyStack.Core.Metrics;
using OllyStack.Ingest.Metrics;

namespace OllyStack.Ingest.Otlp;

/// <summary>
/// Decodes an OTLP/JSON ExportMetricsServiceRequest (or MetricsData) into Prometheus series in a
/// <see cref="MetricBatch"/>, driving the <see cref="PrometheusSeriesWriter"/> exactly as
/// <see cref="OtlpMetricsProtobufDecoder"/> does.
/// </summary>
public static class OtlpMetricsJsonDecoder
{
    [ThreadStatic] private static PrometheusSeriesWriter? _writer;

    /// <summary>
    /// Appends the samples of every valid data point to <paramref name="batch"/>; invalid points are counted in
    /// the tally. Throws <see cref="Wire.MalformedPayloadException"/> if the body is not OTLP/JSON.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> json, MetricBatch batch, ref RejectionTally rejections)
    {
        using var request = OtlpJsonRequest.Parse(json);
        var writer = _writer ??= new PrometheusSeriesWriter();
        writer.Start(batch);
        foreach (var field in request.Fields(request.Root))
        {
            if (!field.Is("resourceMetrics"u8, "resource_metrics"u8)) continue;
            foreach (var resourceMetrics in request.Items(field.Value)) ReadResourceMetrics(request, resourceMetrics, writer, ref rejections);
        }
        if (writer.ConflictingSamples > 0)
            rejections.Reject("data point rejected: two attributes map to the same Prometheus label name", writer.ConflictingSamples);
    }

    /// <summary>Reads a KeyValue as label text; returns the key, which stays valid until the request is disposed.</summary>
    internal static ReadOnlySpan<byte> ReadKeyValue(OtlpJsonRequest request, JsonElement keyValue, PrometheusSeriesWriter writer, out Utf8Ref value)
    {
        OtlpJsonCommon.FindKeyValue(request, keyValue, out var key, out var anyValue);
        var strings = writer.Batch.Strings;
        value = anyValue.ValueKind == JsonValueKind.Undefined
            ? default
            : AnyValueText.ToText(OtlpJsonCommon.ReadAnyValue(request, anyValue, strings), strings);
        return request.String(key);
    }

    private static void ReadResourceMetrics(OtlpJsonRequest request, JsonElement resourceMetrics, PrometheusSeriesWriter writer, ref RejectionTally rejections)
    {
        writer.BeginResource();
        foreach (var field in request.Fields(resourceMetrics))
            if (field.Is("resource"u8)) ReadResource(request, field.Value, writer);
        writer.EndResourceAttributes();
        foreach (var field in request.Fields(resourceMetrics))
        {
            if (!field.Is("scopeMetrics"u8, "scope_metrics"u8)) continue;
            foreach (var scopeMetrics in request.Items(field.Value))
                foreach (var scopeField in request.Fields(scopeMetrics))
                    if (scopeField.Is("metrics"u8))
                        foreach (var metric in request.Items(scopeField.Value)) ReadMetric(request, metric, writer, ref rejections);
        }
        writer.EndResource();
    }

    private static void ReadResource(OtlpJsonRequest request, JsonElement resource, PrometheusSeriesWriter writer)
    {
        foreach (var field in request.Fields(resource))
        {
            if (!field.Is("attributes"u8)) continue;
            foreach (var keyValue in request.Items(field.Value))
            {
                var key = ReadKeyValue(request, keyValue, writer, out var value);
                writer.ResourceAttribute(key, value);
            }
        }
    }

    private static void ReadMetric(OtlpJsonRequest request, JsonElement metric, PrometheusSeriesWriter writer, ref RejectionTally rejections)
    {
        ReadOnlySpan<byte> name = default, unit = default, description = default;
        JsonElement data = default;
        var kind = OtlpMetricKind.None;
        foreach (var field in request.Fields(metric))
        {
            var value = field.Value;
            if (field.Is("name"u8)) name = request.String(value);
            else if (field.Is("description"u8)) description = request.String(value);
            else if (field.Is("unit"u8)) unit = request.String(value);
            else if (field.Is("gauge"u8)) (kind, data) = (OtlpMetricKind.Gauge, value);
            else if (field.Is("sum"u8)) (kind, data) = (OtlpMetricKind.Sum, value);
            else if (field.Is("histogram"u8)) (kind, data) = (OtlpMetricKind.Histogram, value);
            else if (field.Is("exponentialHistogram"u8, "exponential_histogram"u8)) (kind, data) = (OtlpMetricKind.ExponentialHistogram, value);
            else if (field.Is("summary"u8)) (kind, data) = (OtlpMetricKind.Summary, value);
        }
        if (kind == OtlpMetricKind.None) return;
        ReadAggregation(request, data, out var temporality, out var monotonic);
        if (!writer.BeginMetric(name, unit, description, kind, monotonic, temporality == 1))
        {
            rejections.Reject("metric rejected: name is empty", CountPoints(request, data));
            return;
        }
        foreach (var field in request.Fields(data))
        {
            if (!field.Is("dataPoints"u8, "data_points"u8)) continue;
            foreach (var point in request.Items(field.Value)) ReadPoint(request, point, kind, writer, ref rejections);
        }
    }

    private static void ReadPoint(OtlpJsonRequest request, JsonElement point, OtlpMetricKind kind, PrometheusSeriesWriter writer, ref RejectionTally rejections)
    {
        writer.BeginPoint();
        var ok = kind switch
        {
            OtlpMetricKind.Gauge or OtlpMetricKind.Sum => OtlpMetricPointJsonReaders.Number(request, point, writer),
            OtlpMetricKind.Histogram => OtlpMetricPointJsonReaders.Histogram(request, point, writer),
            OtlpMetricKind.ExponentialHistogram => OtlpMetricPointJsonReaders.ExponentialHistogram(request, point, writer),
            _ => OtlpMetricPointJsonReaders.Summary(request, point, writer),
        };
        if (!ok) rejections.Reject("histogram data point rejected: bucket_counts must have one more entry than explicit_bounds");
    }

    private static void ReadAggregation(OtlpJsonRequest request, JsonElement data, out ulong temporality, out bool monotonic)
    {
        temporality = 0;
        monotonic = false;
        foreach (var field in request.Fields(data))
        {
            if (field.Is("aggregationTemporality"u8, "aggregation_temporality"u8)) temporality = request.Enum(field.Value, OtlpJsonEnum.AggregationTemporality);
            else if (field.Is("isMonotonic"u8, "is_monotonic"u8)) monotonic = request.Bool(field.Value);
        }
    }

    private static long CountPoints(OtlpJsonRequest request, JsonElement data)
    {
        long count = 0;
        foreach (var field in request.Fields(data))
        {
            if (!field.Is("dataPoints"u8, "data_points"u8)) continue;
            foreach (var _ in request.Items(field.Value)) count++;
        }
        return count;
    }
}
