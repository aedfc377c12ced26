using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Metrics.Parts;

/// <summary>
/// Where each series' blocks lie in a part and from which timestamp each block starts (docs/format/metric-part.md,
/// "Series table"). Kept in memory while the part is open: 8 bytes a series and 16 a block, so a query finds a
/// series by binary search and skips the blocks outside its time range without touching the file.
/// </summary>
public sealed class MetricPartTable
{
    private readonly List<uint> _refs;
    private readonly List<int> _firstBlock;
    private readonly List<long> _blockMinTimestamps;
    private readonly List<long> _blockOffsets;

    /// <summary>
    /// Room for exactly the series and blocks the header counts: lists grown by doubling would hold up to twice the
    /// memory for as long as the part is open, plus the garbage of every smaller copy.
    /// </summary>
    private MetricPartTable(int seriesCapacity, int blockCapacity)
    {
        _refs = new List<uint>(seriesCapacity);
        _firstBlock = new List<int>(seriesCapacity + 1) { 0 };
        _blockMinTimestamps = new List<long>(blockCapacity);
        _blockOffsets = new List<long>(blockCapacity + 1) { MetricPartFormat.HeaderLength };
    }

    public int SeriesCount => _refs.Count;

    public int BlockCount => _blockMinTimestamps.Count;

    /// <summary>Where the blocks end and the table starts.</summary>
    public long BlocksEnd => _blockOffsets[^1];

    /// <summary>The position of <paramref name="seriesRef"/> in the table, or a negative number if the part lacks it.</summary>
    public int IndexOf(uint seriesRef) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_refs).BinarySearch(seriesRef);

    public uint RefAt(int index) => _refs[index];

    /// <summary>The blocks of the series at <paramref name="index"/>: [start, end) into the block lists.</summary>
    public (int Start, int End) BlocksOf(int index) => (_firstBlock[index], _firstBlock[index + 1]);

    public long BlockMinTimestamp(int block) => _blockMinTimestamps[block];

    public (long Offset, int Length) BlockExtent(int block) => (_blockOffsets[block], (int)(_blockOffsets[block + 1] - _blockOffsets[block]));

    private void BeginSeries(uint seriesRef)
    {
        _refs.Add(seriesRef);
        _firstBlock.Add(_firstBlock[^1]);
    }

    /// <summary>Records a block of the current series, which lies right after the previous block.</summary>
    private void AddBlock(long minTimestamp, int length)
    {
        _blockMinTimestamps.Add(minTimestamp);
        _blockOffsets.Add(_blockOffsets[^1] + length);
        _firstBlock[^1]++;
    }

    /// <exception cref="InvalidDataException">The table does not match the header or is damaged.</exception>
    internal static MetricPartTable Read(ReadOnlySpan<byte> source, in MetricPartHeader header)
    {
        // Each series entry and each block entry takes at least two bytes: a damaged header cannot claim more.
        if (2L * header.SeriesCount + 2L * header.BlockCount > source.Length) throw new InvalidDataException("the part table is shorter than its header's series and block counts need");
        var table = new MetricPartTable(header.SeriesCount, header.BlockCount);
        var previousMin = header.MinTimestamp;
        long previousRef = -1;
        for (var s = 0; s < header.SeriesCount; s++)
        {
            source = Varint.Read(source, out var refDelta);
            var seriesRef = (previousRef < 0 ? 0 : previousRef) + (long)refDelta;
            if (seriesRef > uint.MaxValue || (previousRef >= 0 && refDelta == 0)) throw new InvalidDataException("series refs in the part table do not ascend");
            source = Varint.ReadBounded(source, header.BlockCount - table.BlockCount, "block count", out var blocks);
            if (blocks == 0) throw new InvalidDataException($"series {seriesRef} has no blocks");
            table.BeginSeries((uint)seriesRef);
            previousRef = seriesRef;
            for (var b = 0; b < blocks; b++)
            {
                source = Varint.ReadSigned(source, out var minDelta);
                source = Varint.ReadBounded(source, SampleBlockFormat.MaxEncodedLength(MetricPartFormat.MaxBlockSamples), "block length", out var length);
                previousMin += minDelta;
                table.AddBlock(previousMin, length);
            }
        }
        if (table.BlockCount != header.BlockCount || !source.IsEmpty) throw new InvalidDataException("the part table does not match its header");
        return table;
    }
}
