using System.Buffers;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Metrics.Parts;

/// <summary>
/// Builds a part's series table (docs/format/metric-part.md, "Series table") while the writer adds series: each
/// entry is encoded at once into a few bytes, instead of waiting in lists of 24 bytes a block, which for a part of
/// tens of thousands of series are large arrays the GC must find room for at every flush and merge. Only the table's
/// first timestamp waits for the end, since it counts from the part's smallest timestamp.
/// </summary>
internal sealed class MetricPartTableEncoder
{
    private readonly ArrayBufferWriter<byte> _bytes = new(1 << 12);
    private long _previousRef = -1;
    private long _previousMin;
    private long _firstMin;
    private int _firstMinOffset = -1;
    private int _firstMinLength;

    public int SeriesCount { get; private set; }

    public int BlockCount { get; private set; }

    /// <summary>Where the blocks written so far end, and so where the table will start.</summary>
    public long BlocksEnd { get; private set; } = MetricPartFormat.HeaderLength;

    /// <summary>Adds a series' entry; refs must ascend, and its blocks follow the previous series' in the file.</summary>
    public void AddSeries(uint seriesRef, ReadOnlySpan<long> blockMinTimestamps, ReadOnlySpan<int> blockLengths)
    {
        CheckNext(seriesRef);
        if (blockMinTimestamps.IsEmpty) throw new ArgumentException("a series in a part has at least one block", nameof(blockMinTimestamps));
        Put(seriesRef - (ulong)Math.Max(_previousRef, 0));
        Put((ulong)blockMinTimestamps.Length);
        for (var b = 0; b < blockMinTimestamps.Length; b++)
        {
            if (_firstMinOffset < 0)
            {
                // A placeholder for now: Write puts the delta from the part's smallest timestamp here.
                _firstMin = _previousMin = blockMinTimestamps[b];
                _firstMinOffset = _bytes.WrittenCount;
                _firstMinLength = PutSigned(0);
            }
            else
            {
                PutSigned(blockMinTimestamps[b] - _previousMin);
                _previousMin = blockMinTimestamps[b];
            }
            Put((ulong)blockLengths[b]);
            BlocksEnd += blockLengths[b];
        }
        _previousRef = seriesRef;
        SeriesCount++;
        BlockCount += blockMinTimestamps.Length;
    }

    /// <summary>Throws unless <paramref name="seriesRef"/> may come next: refs ascend.</summary>
    public void CheckNext(uint seriesRef)
    {
        if (seriesRef <= _previousRef) throw new ArgumentException($"series ref {seriesRef} is not above the previous one, {_previousRef}");
    }

    /// <summary>The table's bytes; <paramref name="partMinTimestamp"/> is what the first block's timestamp is relative to.</summary>
    public void Write(IBufferWriter<byte> destination, long partMinTimestamp)
    {
        var encoded = _bytes.WrittenSpan;
        if (_firstMinOffset < 0)
        {
            destination.Write(encoded);
            return;
        }
        destination.Write(encoded[.._firstMinOffset]);
        var span = destination.GetSpan(Varint.MaxLength);
        destination.Advance(Varint.WriteSigned(span, _firstMin - partMinTimestamp));
        destination.Write(encoded[(_firstMinOffset + _firstMinLength)..]);
    }

    private void Put(ulong value) => _bytes.Advance(Varint.Write(_bytes.GetSpan(Varint.MaxLength), value));

    private int PutSigned(long value)
    {
        var written = Varint.WriteSigned(_bytes.GetSpan(Varint.MaxLength), value);
        _bytes.Advance(written);
        return written;
    }
}
