using System.Buffers.Binary;
using Google.Protobuf;
using OllyStack.Benchmarks.History;
using OllyStack.Ingest.Prometheus;
using Snappier;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// Encodes one shard's round as a snappy-compressed remote-write <c>WriteRequest</c>, by hand as
/// <see cref="FleetRequestEncoder"/> does: every series' labels are encoded once, and a request only appends one
/// sample behind each. 200,000 samples a second must cost the load generator little, since it shares the two cores
/// with the server it measures.
/// </summary>
public sealed class AlertRequestEncoder
{
    private const byte TimeSeriesTag = 1 << 3 | 2, SamplesTag = 2 << 3 | 2, ValueTag = 1 << 3 | 1, TimestampTag = 2 << 3 | 0;
    private readonly AlertSeries _series;
    private readonly byte[][] _labels;

    public AlertRequestEncoder(AlertSeries series)
    {
        _series = series;
        _labels = new byte[series.Count][];
        for (var i = 0; i < series.Count; i++)
        {
            // Sorted by name, as remote write requires.
            var timeSeries = new TimeSeries();
            timeSeries.Labels.Add(new Label { Name = "__name__", Value = AlertSeries.MetricName(series.Metric(i)) });
            timeSeries.Labels.Add(new Label { Name = "instance", Value = AlertSeries.InstanceName(series.Instance(i)) });
            timeSeries.Labels.Add(new Label { Name = "job", Value = AlertSeries.Job });
            _labels[i] = timeSeries.ToByteArray();
        }
    }

    /// <summary>Buffers big enough for any shard's request, raw and compressed; one pair per sender.</summary>
    public (byte[] Raw, byte[] Compressed) NewBuffers()
    {
        var longest = 0;
        for (var shard = 0; shard < _series.Shards; shard++)
        {
            var labels = 0;
            for (var i = shard * _series.SeriesPerRequest; i < (shard + 1) * _series.SeriesPerRequest; i++) labels += _labels[i].Length;
            longest = Math.Max(longest, labels);
        }
        // Per series: two tags, two lengths of at most 5 bytes, the value's tag and 8 bytes, the timestamp's tag and 10.
        var raw = new byte[longest + _series.SeriesPerRequest * 32];
        return (raw, new byte[Snappy.GetMaxCompressedLength(raw.Length)]);
    }

    /// <summary>
    /// Compresses shard <paramref name="shard"/>'s request with the sample values in <paramref name="values"/> (one
    /// per series of the shard) at <paramref name="timestampMs"/> into <paramref name="compressed"/>; returns its length.
    /// </summary>
    public int Encode(int shard, ReadOnlySpan<double> values, long timestampMs, byte[] raw, byte[] compressed)
    {
        var sampleLength = 1 + 8 + 1 + FleetRequestEncoder.VarintLength((ulong)timestampMs);
        var at = 0;
        var first = shard * _series.SeriesPerRequest;
        for (var s = 0; s < values.Length; s++)
        {
            var labels = _labels[first + s];
            raw[at++] = TimeSeriesTag;
            at += FleetRequestEncoder.WriteVarint(raw.AsSpan(at), (ulong)(labels.Length + 1 + FleetRequestEncoder.VarintLength((ulong)sampleLength) + sampleLength));
            labels.CopyTo(raw, at);
            at += labels.Length;
            raw[at++] = SamplesTag;
            at += FleetRequestEncoder.WriteVarint(raw.AsSpan(at), (ulong)sampleLength);
            raw[at++] = ValueTag;
            BinaryPrimitives.WriteDoubleLittleEndian(raw.AsSpan(at), values[s]);
            at += 8;
            raw[at++] = TimestampTag;
            at += FleetRequestEncoder.WriteVarint(raw.AsSpan(at), (ulong)timestampMs);
        }
        return Snappy.Compress(raw.AsSpan(0, at), compressed);
    }
}
