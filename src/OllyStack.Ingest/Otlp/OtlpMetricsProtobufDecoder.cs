using OllyStack.Core.Metrics;
using OllyStack.Ingest.Metrics;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Otlp;

/// <summary>Decodes an ExportMetricsServiceRequest (or MetricsData) into Prometheus series in a <see cref="MetricBatch"/>.</summary>
public static class OtlpMetricsProtobufDecoder
{
    [ThreadStatic] private static PrometheusSeriesWriter? _writer;

    public static void Decode(ReadOnlySpan<byte> request, MetricBatch batch, ref RejectionTally rejections)
    {
        var writer = _writer ??= new PrometheusSeriesWriter();
        writer.Start(batch);
        var reader = new ProtoReader(request, "ExportMetricsServiceRequest");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1)
            {
                reader.Expect(wire, WireType.LengthDelimited, "resource_metrics");
                ReadResourceMetrics(reader.ReadBytes(), writer, ref rejections);
            }
            else reader.Skip(wire);
        }
        if (writer.ConflictingSamples > 0)
            rejections.Reject("data point rejected: two attributes map to the same Prometheus label name", writer.ConflictingSamples);
    }

    private static void ReadResourceMetrics(ReadOnlySpan<byte> data, PrometheusSeriesWriter writer, ref RejectionTally rejections)
    {
        writer.BeginResource();
        var scan = new ProtoReader(data, "ResourceMetrics");
        while (scan.Next(out var field, out var wire))
        {
            if (field == 1) { scan.Expect(wire, WireType.LengthDelimited, "resource"); ReadResource(scan.ReadBytes(), writer); }
            else scan.Skip(wire);
        }
        writer.EndResourceAttributes();
        var reader = new ProtoReader(data, "ResourceMetrics");
        while (reader.Next(out var field, out var wire))
        {
            if (field != 2) { reader.Skip(wire); continue; }
            reader.Expect(wire, WireType.LengthDelimited, "scope_metrics");
            var scope = new ProtoReader(reader.ReadBytes(), "ScopeMetrics");
            while (scope.Next(out var f, out var w))
            {
                if (f == 2) { scope.Expect(w, WireType.LengthDelimited, "metrics"); ReadMetric(scope.ReadBytes(), writer, ref rejections); }
                else scope.Skip(w);
            }
        }
        writer.EndResource();
    }

    private static void ReadResource(ReadOnlySpan<byte> data, PrometheusSeriesWriter writer)
    {
        var reader = new ProtoReader(data, "Resource");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1)
            {
                reader.Expect(wire, WireType.LengthDelimited, "attributes");
                var key = ReadKeyValue(reader.ReadBytes(), writer, out var value);
                writer.ResourceAttribute(key, value);
            }
            else reader.Skip(wire);
        }
    }

    private static ReadOnlySpan<byte> ReadKeyValue(ReadOnlySpan<byte> data, PrometheusSeriesWriter writer, out Core.Batches.Utf8Ref value)
    {
        var reader = new ProtoReader(data, "KeyValue");
        ReadOnlySpan<byte> key = default;
        value = default;
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1) { reader.Expect(wire, WireType.LengthDelimited, "key"); key = reader.ReadBytes(); }
            else if (field == 2)
            {
                reader.Expect(wire, WireType.LengthDelimited, "value");
                var strings = writer.Batch.Strings;
                value = AnyValueText.ToText(OtlpProtobufCommon.ReadAnyValue(reader.ReadBytes(), strings), strings);
            }
            else reader.Skip(wire);
        }
        return key;
    }

    private static void ReadMetric(ReadOnlySpan<byte> data, PrometheusSeriesWriter writer, ref RejectionTally rejections)
    {
        ReadOnlySpan<byte> name = default, unit = default, description = default, body = default;
        var kind = OtlpMetricKind.None;
        var reader = new ProtoReader(data, "Metric");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.Expect(wire, WireType.LengthDelimited, "name"); name = reader.ReadBytes(); break;
                case 2: reader.Expect(wire, WireType.LengthDelimited, "description"); description = reader.ReadBytes(); break;
                case 3: reader.Expect(wire, WireType.LengthDelimited, "unit"); unit = reader.ReadBytes(); break;
                case 5: reader.Expect(wire, WireType.LengthDelimited, "gauge"); kind = OtlpMetricKind.Gauge; body = reader.ReadBytes(); break;
                case 7: reader.Expect(wire, WireType.LengthDelimited, "sum"); kind = OtlpMetricKind.Sum; body = reader.ReadBytes(); break;
                case 9: reader.Expect(wire, WireType.LengthDelimited, "histogram"); kind = OtlpMetricKind.Histogram; body = reader.ReadBytes(); break;
                case 10: reader.Expect(wire, WireType.LengthDelimited, "exponential_histogram"); kind = OtlpMetricKind.ExponentialHistogram; body = reader.ReadBytes(); break;
                case 11: reader.Expect(wire, WireType.LengthDelimited, "summary"); kind = OtlpMetricKind.Summary; body = reader.ReadBytes(); break;
                default: reader.Skip(wire); break;
            }
        }
        if (kind == OtlpMetricKind.None) return;
        ReadAggregation(body, out var temporality, out var monotonic);
        if (!writer.BeginMetric(name, unit, description, kind, monotonic, temporality == 1))
        {
            rejections.Reject("metric rejected: name is empty", CountPoints(body));
            return;
        }
        var points = new ProtoReader(body, "Metric data");
        while (points.Next(out var field, out var wire))
        {
            if (field != 1) { points.Skip(wire); continue; }
            points.Expect(wire, WireType.LengthDelimited, "data_points");
            var point = points.ReadBytes();
            writer.BeginPoint();
            var ok = kind switch
            {
                OtlpMetricKind.Gauge or OtlpMetricKind.Sum => OtlpMetricPointReaders.Number(point, writer),
                OtlpMetricKind.Histogram => OtlpMetricPointReaders.Histogram(point, writer),
                OtlpMetricKind.ExponentialHistogram => OtlpMetricPointReaders.ExponentialHistogram(point, writer),
                _ => OtlpMetricPointReaders.Summary(point, writer),
            };
            if (!ok) rejections.Reject("histogram data point rejected: bucket_counts must have one more entry than explicit_bounds");
        }
    }

    private static void ReadAggregation(ReadOnlySpan<byte> body, out ulong temporality, out bool monotonic)
    {
        temporality = 0;
        monotonic = false;
        var reader = new ProtoReader(body, "Metric data");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 2 && wire == WireType.Varint) temporality = reader.ReadVarint();
            else if (field == 3 && wire == WireType.Varint) monotonic = reader.ReadBool();
            else reader.Skip(wire);
        }
    }

    private static long CountPoints(ReadOnlySpan<byte> body)
    {
        long count = 0;
        var reader = new ProtoReader(body, "Metric data");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1) count++;
            reader.Skip(wire);
        }
        return count;
    }

    internal static void ReadPointAttribute(ReadOnlySpan<byte> data, PrometheusSeriesWriter writer)
    {
        if (writer.TryRepeatPointAttribute(data)) return;
        var key = ReadKeyValue(data, writer, out var value);
        writer.PointAttribute(key, value, data);
    }
}
