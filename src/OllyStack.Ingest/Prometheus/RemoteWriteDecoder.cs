using OllyStack.Core.Metrics;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Prometheus;

/// <summary>
/// Decodes a Prometheus remote write 1.0 WriteRequest (already snappy-decompressed) into a
/// <see cref="MetricBatch"/>. Remote write has no partial success, so any invalid series fails the request.
/// </summary>
public static class RemoteWriteDecoder
{
    public static void Decode(ReadOnlySpan<byte> request, MetricBatch batch)
    {
        var previous = new PreviousFields<LabelRef>(request, stackalloc int[PreviousFields<LabelRef>.Capacity], stackalloc int[PreviousFields<LabelRef>.Capacity], stackalloc LabelRef[PreviousFields<LabelRef>.Capacity]);
        var reader = new ProtoReader(request, "WriteRequest");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.Expect(wire, WireType.LengthDelimited, "timeseries"); ReadTimeSeries(reader.ReadBytes(), batch, ref previous); break;
                case 3: reader.Expect(wire, WireType.LengthDelimited, "metadata"); ReadMetadata(reader.ReadBytes(), batch); break;
                default: reader.Skip(wire); break;
            }
        }
    }

    private static void ReadTimeSeries(ReadOnlySpan<byte> data, MetricBatch batch, ref PreviousFields<LabelRef> previous)
    {
        var first = batch.Labels.Count;
        var reader = new ProtoReader(data, "TimeSeries");
        var position = 0;
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1)
            {
                reader.Expect(wire, WireType.LengthDelimited, "labels");
                var raw = reader.ReadBytes();
                if (!previous.TryReuse(position, raw, out var label))
                {
                    label = ReadLabel(raw, batch);
                    previous.Remember(position, raw, label);
                }
                batch.Labels.Add(label);
                position++;
            }
            else reader.Skip(wire);
        }
        var series = batch.EndSeries(first, MetricType.Unknown);
        if (series < 0) throw reader.Malformed("a series has two labels with the same name");
        if (batch.Series[series].LabelCount == 0) throw reader.Malformed("a series has no labels");
        var samples = new ProtoReader(data, "TimeSeries");
        while (samples.Next(out var field, out var wire))
        {
            if (field == 2)
            {
                samples.Expect(wire, WireType.LengthDelimited, "samples");
                ReadSample(samples.ReadBytes(), series, batch);
            }
            else samples.Skip(wire);
        }
    }

    private static LabelRef ReadLabel(ReadOnlySpan<byte> data, MetricBatch batch)
    {
        ReadOnlySpan<byte> name = default, value = default;
        var reader = new ProtoReader(data, "Label");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1) { reader.Expect(wire, WireType.LengthDelimited, "name"); name = reader.ReadBytes(); }
            else if (field == 2) { reader.Expect(wire, WireType.LengthDelimited, "value"); value = reader.ReadBytes(); }
            else reader.Skip(wire);
        }
        if (name.IsEmpty) throw reader.Malformed("a label has an empty name");
        return new LabelRef(batch.Strings.Intern(name), batch.Strings.Intern(value));
    }

    private static void ReadSample(ReadOnlySpan<byte> data, int series, MetricBatch batch)
    {
        double value = 0;
        long timestamp = 0;
        var reader = new ProtoReader(data, "Sample");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1) { reader.Expect(wire, WireType.Fixed64, "value"); value = reader.ReadDouble(); }
            else if (field == 2) { reader.Expect(wire, WireType.Varint, "timestamp"); timestamp = reader.ReadInt64(); }
            else reader.Skip(wire);
        }
        batch.AddSample(series, timestamp, value);
    }

    private static void ReadMetadata(ReadOnlySpan<byte> data, MetricBatch batch)
    {
        var type = MetricType.Unknown;
        ReadOnlySpan<byte> family = default, help = default, unit = default;
        var reader = new ProtoReader(data, "MetricMetadata");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.Expect(wire, WireType.Varint, "type"); var t = reader.ReadVarint(); type = t <= 7 ? (MetricType)t : MetricType.Unknown; break;
                case 2: reader.Expect(wire, WireType.LengthDelimited, "metric_family_name"); family = reader.ReadBytes(); break;
                case 4: reader.Expect(wire, WireType.LengthDelimited, "help"); help = reader.ReadBytes(); break;
                case 5: reader.Expect(wire, WireType.LengthDelimited, "unit"); unit = reader.ReadBytes(); break;
                default: reader.Skip(wire); break;
            }
        }
        var strings = batch.Strings;
        batch.Metadata.Add(new MetricMetadataRef(strings.Intern(family), type, strings.Intern(unit), strings.Intern(help)));
    }
}
