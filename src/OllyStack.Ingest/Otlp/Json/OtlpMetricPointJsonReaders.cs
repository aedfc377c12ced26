using System.Text.Json;
using OllyStack.Core.Batches;
using OllyStack.Ingest.Metrics;

namespace OllyStack.Ingest.Otlp;

/// <summary>Reads one OTLP/JSON data point of each kind and hands it to the <see cref="PrometheusSeriesWriter"/>, as <see cref="OtlpMetricPointReaders"/> does for protobuf.</summary>
internal static class OtlpMetricPointJsonReaders
{
    public static bool Number(OtlpJsonRequest request, JsonElement point, PrometheusSeriesWriter writer)
    {
        long time = 0;
        double value = 0;
        uint flags = 0;
        foreach (var field in request.Fields(point))
        {
            var json = field.Value;
            if (field.Is("attributes"u8)) ReadAttributes(request, json, writer);
            else if (field.Is("timeUnixNano"u8, "time_unix_nano"u8)) time = (long)request.UInt64(json);
            else if (field.Is("asDouble"u8, "as_double"u8)) value = request.Double(json);
            else if (field.Is("asInt"u8, "as_int"u8)) value = request.Int64(json);
            else if (field.Is("flags"u8)) flags = request.UInt32(json);
        }
        writer.NumberPoint(time, value, flags);
        return true;
    }

    public static bool Histogram(OtlpJsonRequest request, JsonElement point, PrometheusSeriesWriter writer)
    {
        long time = 0;
        ulong count = 0;
        double? sum = null;
        uint flags = 0;
        foreach (var field in request.Fields(point))
        {
            var json = field.Value;
            if (field.Is("attributes"u8)) ReadAttributes(request, json, writer);
            else if (field.Is("timeUnixNano"u8, "time_unix_nano"u8)) time = (long)request.UInt64(json);
            else if (field.Is("count"u8)) count = request.UInt64(json);
            else if (field.Is("sum"u8)) sum = request.Double(json);
            else if (field.Is("bucketCounts"u8, "bucket_counts"u8)) ReadCounts(request, json, writer.Counts);
            else if (field.Is("explicitBounds"u8, "explicit_bounds"u8)) ReadDoubles(request, json, writer.Bounds);
            else if (field.Is("flags"u8)) flags = request.UInt32(json);
        }
        return writer.HistogramPoint(time, count, sum, flags);
    }

    public static bool ExponentialHistogram(OtlpJsonRequest request, JsonElement point, PrometheusSeriesWriter writer)
    {
        long time = 0;
        ulong count = 0, zeroCount = 0;
        double? sum = null;
        double zeroThreshold = 0;
        int scale = 0, positiveOffset = 0, negativeOffset = 0;
        uint flags = 0;
        JsonElement scaleJson = default;
        foreach (var field in request.Fields(point))
        {
            var json = field.Value;
            if (field.Is("attributes"u8)) ReadAttributes(request, json, writer);
            else if (field.Is("timeUnixNano"u8, "time_unix_nano"u8)) time = (long)request.UInt64(json);
            else if (field.Is("count"u8)) count = request.UInt64(json);
            else if (field.Is("sum"u8)) sum = request.Double(json);
            else if (field.Is("scale"u8)) (scale, scaleJson) = (request.Int32(json), json);
            else if (field.Is("zeroCount"u8, "zero_count"u8)) zeroCount = request.UInt64(json);
            else if (field.Is("positive"u8)) positiveOffset = ReadBuckets(request, json, writer.Counts);
            else if (field.Is("negative"u8)) negativeOffset = ReadBuckets(request, json, writer.NegativeCounts);
            else if (field.Is("flags"u8)) flags = request.UInt32(json);
            else if (field.Is("zeroThreshold"u8, "zero_threshold"u8)) zeroThreshold = request.Double(json);
        }
        if (scale is < -10 or > 20) throw request.Malformed(scaleJson, $"exponential histogram scale {scale} is outside -10..20");
        writer.ExponentialHistogramPoint(time, count, sum, scale, zeroCount, zeroThreshold, positiveOffset, negativeOffset, flags);
        return true;
    }

    public static bool Summary(OtlpJsonRequest request, JsonElement point, PrometheusSeriesWriter writer)
    {
        long time = 0;
        ulong count = 0;
        double sum = 0;
        uint flags = 0;
        foreach (var field in request.Fields(point))
        {
            var json = field.Value;
            if (field.Is("attributes"u8)) ReadAttributes(request, json, writer);
            else if (field.Is("timeUnixNano"u8, "time_unix_nano"u8)) time = (long)request.UInt64(json);
            else if (field.Is("count"u8)) count = request.UInt64(json);
            else if (field.Is("sum"u8)) sum = request.Double(json);
            else if (field.Is("quantileValues"u8, "quantile_values"u8)) ReadQuantiles(request, json, writer);
            else if (field.Is("flags"u8)) flags = request.UInt32(json);
        }
        writer.SummaryPoint(time, count, sum, flags);
        return true;
    }

    private static void ReadAttributes(OtlpJsonRequest request, JsonElement keyValues, PrometheusSeriesWriter writer)
    {
        foreach (var keyValue in request.Items(keyValues))
        {
            var key = OtlpMetricsJsonDecoder.ReadKeyValue(request, keyValue, writer, out var value);
            writer.PointAttribute(key, value);
        }
    }

    private static void ReadQuantiles(OtlpJsonRequest request, JsonElement quantileValues, PrometheusSeriesWriter writer)
    {
        foreach (var valueAtQuantile in request.Items(quantileValues))
        {
            double quantile = 0, value = 0;
            foreach (var field in request.Fields(valueAtQuantile))
            {
                if (field.Is("quantile"u8)) quantile = request.Double(field.Value);
                else if (field.Is("value"u8)) value = request.Double(field.Value);
            }
            writer.Quantiles.Add((quantile, value));
        }
    }

    private static int ReadBuckets(OtlpJsonRequest request, JsonElement buckets, Column<ulong> counts)
    {
        var offset = 0;
        foreach (var field in request.Fields(buckets))
        {
            if (field.Is("offset"u8)) offset = request.Int32(field.Value);
            else if (field.Is("bucketCounts"u8, "bucket_counts"u8)) ReadCounts(request, field.Value, counts);
        }
        return offset;
    }

    private static void ReadCounts(OtlpJsonRequest request, JsonElement counts, Column<ulong> into)
    {
        foreach (var count in request.Items(counts)) into.Add(request.UInt64(count));
    }

    private static void ReadDoubles(OtlpJsonRequest request, JsonElement values, Column<double> into)
    {
        foreach (var value in request.Items(values)) into.Add(request.Double(value));
    }
}
