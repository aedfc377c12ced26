using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using OllyStack.Core.Durability;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Metrics.Parts;

/// <summary>
/// An open, immutable metric part: its header and series table in memory, its blocks read from the file on demand.
/// Readers hold it with <see cref="TryAcquire"/> / <see cref="Release"/>; once the part is retired (merged away or
/// past retention) the last release closes and deletes the file, so a query never loses a part under its feet.
/// </summary>
public sealed class MetricPart
{
    private readonly SafeFileHandle _file;
    private readonly PartLifetime _lifetime;

    private MetricPart(string path, SafeFileHandle file, MetricPartHeader header, MetricPartTable table, long length)
    {
        Path = path;
        _file = file;
        _lifetime = new PartLifetime(file, path);
        Header = header;
        Table = table;
        Length = length;
    }

    public string Path { get; }

    public MetricPartHeader Header { get; }

    public MetricPartTable Table { get; }

    public PartId Id => Header.Id;

    /// <summary>Bytes on disk.</summary>
    public long Length { get; }

    public Partition Partition => Partition.Of(Header.MinTimestamp);

    /// <exception cref="InvalidDataException">The file is not a complete, undamaged part.</exception>
    public static MetricPart Open(string path)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            var length = RandomAccess.GetLength(file);
            if (length < MetricPartFormat.HeaderLength) throw new InvalidDataException($"{path}: {length} bytes is too short for a part");
            Span<byte> header = stackalloc byte[MetricPartFormat.HeaderLength];
            RandomAccess.Read(file, header, 0);
            var parsed = MetricPartHeader.Read(header);
            var (tableBytes, tableOffset) = PartFooter.ReadTable(file, length, MetricPartFormat.HeaderLength);
            var table = MetricPartTable.Read(tableBytes, parsed);
            if (table.BlocksEnd != tableOffset) throw new InvalidDataException($"{path}: the blocks do not end where the table starts");
            return new MetricPart(path, file, parsed, table, length);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            file.Dispose();
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public bool Overlaps(long minMs, long maxMs) => Header.MinTimestamp <= maxMs && minMs <= Header.MaxTimestamp;

    /// <summary>True if the part may hold samples of <paramref name="seriesRef"/> in [<paramref name="minMs"/>, <paramref name="maxMs"/>].</summary>
    public bool MayHave(uint seriesRef, long minMs, long maxMs)
    {
        if (!Overlaps(minMs, maxMs)) return false;
        var index = Table.IndexOf(seriesRef);
        return index >= 0 && FirstBlockFrom(index, minMs, maxMs) >= 0;
    }

    /// <summary>
    /// Appends the samples of <paramref name="seriesRef"/> with <paramref name="minMs"/> &lt;= t &lt;= <paramref name="maxMs"/>
    /// to the lists, ascending.
    /// </summary>
    public void Read(uint seriesRef, long minMs, long maxMs, SampleScratch scratch, List<long> timestamps, List<double> values)
    {
        if (!Overlaps(minMs, maxMs)) return;
        var index = Table.IndexOf(seriesRef);
        if (index < 0) return;
        var first = FirstBlockFrom(index, minMs, maxMs);
        if (first < 0) return;
        var last = first;
        var end = Table.BlocksOf(index).End;
        while (last + 1 < end && Table.BlockMinTimestamp(last + 1) <= maxMs) last++;
        // A series' blocks lie one after another in the file: one read fetches them all.
        var runOffset = Table.BlockExtent(first).Offset;
        var (lastOffset, lastLength) = Table.BlockExtent(last);
        var run = ReadBytes(runOffset, (int)(lastOffset + lastLength - runOffset), scratch, first);
        for (var block = first; block <= last; block++)
        {
            // Decoded straight into the lists' free room: the samples are copied once, when the caller takes them.
            var start = timestamps.Count;
            CollectionsMarshal.SetCount(timestamps, start + MetricPartFormat.MaxBlockSamples);
            CollectionsMarshal.SetCount(values, start + MetricPartFormat.MaxBlockSamples);
            var blockTimestamps = CollectionsMarshal.AsSpan(timestamps)[start..];
            var blockValues = CollectionsMarshal.AsSpan(values)[start..];
            var (offset, length) = Table.BlockExtent(block);
            var count = DecodeBlock(block, run.Slice((int)(offset - runOffset), length), scratch, blockTimestamps, blockValues);
            blockTimestamps = blockTimestamps[..count];
            // Mostly the whole block is in range; only the first and last blocks of a read are cut.
            var from = count == 0 || blockTimestamps[0] >= minMs ? 0 : FirstAtOrAfter(blockTimestamps, minMs);
            var to = count == 0 || blockTimestamps[^1] <= maxMs ? count : FirstAtOrAfter(blockTimestamps, maxMs + 1);
            if (from > 0)
            {
                blockTimestamps[from..to].CopyTo(blockTimestamps);
                blockValues[from..to].CopyTo(blockValues);
            }
            CollectionsMarshal.SetCount(timestamps, start + to - from);
            CollectionsMarshal.SetCount(values, start + to - from);
        }
    }

    /// <summary>Decodes every block of the series at table position <paramref name="index"/>, calling <paramref name="take"/> per block.</summary>
    public void ReadAll(int index, SampleScratch scratch, Action<ReadOnlySpan<long>, ReadOnlySpan<double>> take)
    {
        var (start, end) = Table.BlocksOf(index);
        for (var block = start; block < end; block++)
        {
            var (offset, length) = Table.BlockExtent(block);
            var count = DecodeBlock(block, ReadBytes(offset, length, scratch, block), scratch, scratch.Timestamps, scratch.Values);
            take(scratch.Timestamps.AsSpan(0, count), scratch.Values.AsSpan(0, count));
        }
    }

    public bool TryAcquire() => _lifetime.TryAcquire();

    public void Release() => _lifetime.Release();

    /// <summary>Drops the store's hold; the file goes once no reader holds it.</summary>
    public void Retire() => _lifetime.Retire();

    /// <summary>Closes the part without deleting it (store shutdown).</summary>
    public void Close() => _lifetime.Close();

    /// <summary>The first block of the series that may hold a sample in the range, or -1.</summary>
    private int FirstBlockFrom(int index, long minMs, long maxMs)
    {
        var (start, end) = Table.BlocksOf(index);
        if (Table.BlockMinTimestamp(start) > maxMs) return -1;
        var block = start;
        // Blocks of a series ascend and do not overlap: skip those whose successor starts at or before minMs.
        while (block + 1 < end && Table.BlockMinTimestamp(block + 1) <= minMs) block++;
        return block;
    }

    private static int FirstAtOrAfter(ReadOnlySpan<long> timestamps, long timeMs)
    {
        var index = timestamps.BinarySearch(timeMs);
        return index >= 0 ? index : ~index;
    }

    /// <summary><paramref name="length"/> bytes of the file from <paramref name="offset"/>, where <paramref name="block"/> starts, into the scratch.</summary>
    private ReadOnlySpan<byte> ReadBytes(long offset, int length, SampleScratch scratch, int block)
    {
        var bytes = scratch.BytesFor(length).AsSpan(0, length);
        if (RandomAccess.Read(_file, bytes, offset) != length) throw new InvalidDataException($"{Path}: block {block} cut short");
        return bytes;
    }

    private int DecodeBlock(int block, ReadOnlySpan<byte> bytes, SampleScratch scratch, Span<long> timestamps, Span<double> values)
    {
        try
        {
            scratch.Decoder.Decode(bytes, timestamps, values, out var count);
            return count;
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{Path}: block {block}: {e.Message}", e);
        }
    }
}
