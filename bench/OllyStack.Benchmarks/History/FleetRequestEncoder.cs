using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using OllyStack.Ingest.Prometheus;

namespace OllyStack.Benchmarks.History;

/// <summary>
/// Encodes a round of <see cref="FleetHistory"/> as remote-write <c>WriteRequest</c> protobuf, by hand: a series'
/// labels never change, so they are encoded once (by the generated types, sorted by name as remote write requires)
/// and each request only appends the sample bytes behind them. A day of the fleet is 354 million samples; building
/// the generated message objects for each would cost more than the stores spend ingesting them.
/// </summary>
public sealed class FleetRequestEncoder
{
    private const byte TimeSeriesTag = 1 << 3 | 2, SamplesTag = 2 << 3 | 2, ValueTag = 1 << 3 | 1, TimestampTag = 2 << 3 | 0;
    private readonly byte[][] _labels;

    public FleetRequestEncoder(int hosts)
    {
        _labels = new byte[hosts * FleetHistory.SeriesPerHost][];
        for (var host = 0; host < hosts; host++)
        {
            var instance = $"node-{host.ToString("D4", CultureInfo.InvariantCulture)}.prod.internal:9100";
            for (var s = 0; s < FleetHistory.SeriesPerHost; s++)
            {
                var (name, extra) = SimulatedNodeHost.Series[s];
                var labels = new List<(string Name, string Value)>(extra) { ("__name__", name), ("instance", instance), ("job", "node") };
                var series = new TimeSeries();
                foreach (var (labelName, value) in labels.OrderBy(l => l.Name, StringComparer.Ordinal)) series.Labels.Add(new Label { Name = labelName, Value = value });
                _labels[host * FleetHistory.SeriesPerHost + s] = series.ToByteArray();
            }
        }
    }

    /// <summary>An upper bound of the bytes one request of <paramref name="hostCount"/> hosts starting at <paramref name="firstHost"/> takes.</summary>
    public int MaxBytes(int firstHost, int hostCount)
    {
        var labels = 0;
        for (var i = firstHost * FleetHistory.SeriesPerHost; i < (firstHost + hostCount) * FleetHistory.SeriesPerHost; i++) labels += _labels[i].Length;
        // Per series: two tags, two lengths of at most 5 bytes, the value's tag and 8 bytes, the timestamp's tag and 10.
        return labels + hostCount * FleetHistory.SeriesPerHost * 32;
    }

    /// <summary>Writes the current round of hosts [<paramref name="firstHost"/>, +<paramref name="hostCount"/>) into <paramref name="output"/>; returns the length.</summary>
    public int Encode(FleetHistory fleet, int firstHost, int hostCount, Span<byte> output)
    {
        var timestamp = fleet.TimestampMs;
        var sampleLength = 1 + 8 + 1 + VarintLength((ulong)timestamp);
        var at = 0;
        for (var host = firstHost; host < firstHost + hostCount; host++)
        {
            var values = fleet.Values(host);
            for (var s = 0; s < values.Length; s++)
            {
                var labels = _labels[host * FleetHistory.SeriesPerHost + s];
                output[at++] = TimeSeriesTag;
                at += WriteVarint(output[at..], (ulong)(labels.Length + 1 + VarintLength((ulong)sampleLength) + sampleLength));
                labels.CopyTo(output[at..]);
                at += labels.Length;
                output[at++] = SamplesTag;
                at += WriteVarint(output[at..], (ulong)sampleLength);
                output[at++] = ValueTag;
                BinaryPrimitives.WriteDoubleLittleEndian(output[at..], values[s]);
                at += 8;
                output[at++] = TimestampTag;
                at += WriteVarint(output[at..], (ulong)timestamp);
            }
        }
        return at;
    }

    internal static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }
        return length;
    }

    internal static int WriteVarint(Span<byte> output, ulong value)
    {
        var at = 0;
        while (value >= 0x80)
        {
            output[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        output[at++] = (byte)value;
        return at;
    }
}
