using OllyStack.Ingest.Metrics;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Otlp;

/// <summary>Reads one OTLP data point of each kind and hands it to the <see cref="PrometheusSeriesWriter"/>.</summary>
internal static class OtlpMetricPointReaders
{
    public static bool Number(ReadOnlySpan<byte> data, PrometheusSeriesWriter writer)
    {
        long time = 0;
        double value = 0;
        uint flags = 0;
        var reader = new ProtoReader(data, "NumberDataPoint");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 7: reader.Expect(wire, WireType.LengthDelimited, "attributes"); OtlpMetricsProtobufDecoder.ReadPointAttribute(reader.ReadBytes(), writer); break;
                case 3: reader.Expect(wire, WireType.Fixed64, "time_unix_nano"); time = (long)reader.ReadFixed64(); break;
                case 4: reader.Expect(wire, WireType.Fixed64, "as_double"); value = reader.ReadDouble(); break;
                case 6: reader.Expect(wire, WireType.Fixed64, "as_int"); value = (long)reader.ReadFixed64(); break;
                case 8: reader.Expect(wire, WireType.Varint, "flags"); flags = reader.ReadUInt32(); break;
                default: reader.Skip(wire); break;
            }
        }
        writer.NumberPoint(time, value, flags);
        return true;
    }

    public static bool Histogram(ReadOnlySpan<byte> data, PrometheusSeriesWriter writer)
    {
        long time = 0;
        ulong count = 0;
        double? sum = null;
        uint flags = 0;
        var reader = new ProtoReader(data, "HistogramDataPoint");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 9: reader.Expect(wire, WireType.LengthDelimited, "attributes"); OtlpMetricsProtobufDecoder.ReadPointAttribute(reader.ReadBytes(), writer); break;
                case 3: reader.Expect(wire, WireType.Fixed64, "time_unix_nano"); time = (long)reader.ReadFixed64(); break;
                case 4: reader.Expect(wire, WireType.Fixed64, "count"); count = reader.ReadFixed64(); break;
                case 5: reader.Expect(wire, WireType.Fixed64, "sum"); sum = reader.ReadDouble(); break;
                case 6: ReadFixed64s(ref reader, wire, writer.Counts); break;
                case 7: ReadDoubles(ref reader, wire, writer.Bounds); break;
                case 10: reader.Expect(wire, WireType.Varint, "flags"); flags = reader.ReadUInt32(); break;
                default: reader.Skip(wire); break;
            }
        }
        return writer.HistogramPoint(time, count, sum, flags);
    }

    public static bool ExponentialHistogram(ReadOnlySpan<byte> data, PrometheusSeriesWriter writer)
    {
        long time = 0;
        ulong count = 0, zeroCount = 0;
        double? sum = null;
        double zeroThreshold = 0;
        int scale = 0, positiveOffset = 0, negativeOffset = 0;
        uint flags = 0;
        var reader = new ProtoReader(data, "ExponentialHistogramDataPoint");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.Expect(wire, WireType.LengthDelimited, "attributes"); OtlpMetricsProtobufDecoder.ReadPointAttribute(reader.ReadBytes(), writer); break;
                case 3: reader.Expect(wire, WireType.Fixed64, "time_unix_nano"); time = (long)reader.ReadFixed64(); break;
                case 4: reader.Expect(wire, WireType.Fixed64, "count"); count = reader.ReadFixed64(); break;
                case 5: reader.Expect(wire, WireType.Fixed64, "sum"); sum = reader.ReadDouble(); break;
                case 6: reader.Expect(wire, WireType.Varint, "scale"); scale = reader.ReadSInt32(); break;
                case 7: reader.Expect(wire, WireType.Fixed64, "zero_count"); zeroCount = reader.ReadFixed64(); break;
                case 8: reader.Expect(wire, WireType.LengthDelimited, "positive"); positiveOffset = ReadBuckets(reader.ReadBytes(), writer.Counts); break;
                case 9: reader.Expect(wire, WireType.LengthDelimited, "negative"); negativeOffset = ReadBuckets(reader.ReadBytes(), writer.NegativeCounts); break;
                case 10: reader.Expect(wire, WireType.Varint, "flags"); flags = reader.ReadUInt32(); break;
                case 14: reader.Expect(wire, WireType.Fixed64, "zero_threshold"); zeroThreshold = reader.ReadDouble(); break;
                default: reader.Skip(wire); break;
            }
        }
        if (scale is < -10 or > 20) throw reader.Malformed($"exponential histogram scale {scale} is outside -10..20");
        writer.ExponentialHistogramPoint(time, count, sum, scale, zeroCount, zeroThreshold, positiveOffset, negativeOffset, flags);
        return true;
    }

    public static bool Summary(ReadOnlySpan<byte> data, PrometheusSeriesWriter writer)
    {
        long time = 0;
        ulong count = 0;
        double sum = 0;
        uint flags = 0;
        var reader = new ProtoReader(data, "SummaryDataPoint");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 7: reader.Expect(wire, WireType.LengthDelimited, "attributes"); OtlpMetricsProtobufDecoder.ReadPointAttribute(reader.ReadBytes(), writer); break;
                case 3: reader.Expect(wire, WireType.Fixed64, "time_unix_nano"); time = (long)reader.ReadFixed64(); break;
                case 4: reader.Expect(wire, WireType.Fixed64, "count"); count = reader.ReadFixed64(); break;
                case 5: reader.Expect(wire, WireType.Fixed64, "sum"); sum = reader.ReadDouble(); break;
                case 6: reader.Expect(wire, WireType.LengthDelimited, "quantile_values"); ReadQuantile(reader.ReadBytes(), writer); break;
                case 8: reader.Expect(wire, WireType.Varint, "flags"); flags = reader.ReadUInt32(); break;
                default: reader.Skip(wire); break;
            }
        }
        writer.SummaryPoint(time, count, sum, flags);
        return true;
    }

    private static void ReadQuantile(ReadOnlySpan<byte> data, PrometheusSeriesWriter writer)
    {
        double quantile = 0, value = 0;
        var reader = new ProtoReader(data, "ValueAtQuantile");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1) { reader.Expect(wire, WireType.Fixed64, "quantile"); quantile = reader.ReadDouble(); }
            else if (field == 2) { reader.Expect(wire, WireType.Fixed64, "value"); value = reader.ReadDouble(); }
            else reader.Skip(wire);
        }
        writer.Quantiles.Add((quantile, value));
    }

    private static int ReadBuckets(ReadOnlySpan<byte> data, Core.Batches.Column<ulong> counts)
    {
        var offset = 0;
        var reader = new ProtoReader(data, "Buckets");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1) { reader.Expect(wire, WireType.Varint, "offset"); offset = reader.ReadSInt32(); }
            else if (field == 2 && wire == WireType.LengthDelimited)
            {
                var packed = new ProtoReader(reader.ReadBytes(), "Buckets.bucket_counts");
                while (!packed.End) counts.Add(packed.ReadVarint());
            }
            else if (field == 2 && wire == WireType.Varint) counts.Add(reader.ReadVarint());
            else reader.Skip(wire);
        }
        return offset;
    }

    // Repeated scalars may arrive packed (proto3's default) or one per tag; parsers must accept both.
    private static void ReadFixed64s(ref ProtoReader reader, WireType wire, Core.Batches.Column<ulong> into)
    {
        if (wire == WireType.Fixed64) { into.Add(reader.ReadFixed64()); return; }
        reader.Expect(wire, WireType.LengthDelimited, "bucket_counts");
        var packed = new ProtoReader(reader.ReadBytes(), "bucket_counts");
        while (!packed.End) into.Add(packed.ReadFixed64());
    }

    private static void ReadDoubles(ref ProtoReader reader, WireType wire, Core.Batches.Column<double> into)
    {
        if (wire == WireType.Fixed64) { into.Add(reader.ReadDouble()); return; }
        reader.Expect(wire, WireType.LengthDelimited, "explicit_bounds");
        var packed = new ProtoReader(reader.ReadBytes(), "explicit_bounds");
        while (!packed.End) into.Add(packed.ReadDouble());
    }
}
