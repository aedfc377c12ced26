using System.Buffers;
using System.Buffers.Binary;
using OllyStack.Core.Durability;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Metrics.Parts;

/// <summary>
/// Writes one metric part (docs/format/metric-part.md): series in ascending ref order, each as blocks of up to
/// <see cref="MetricPartFormat.MaxBlockSamples"/> samples, then the series table, the footer and finally the header.
/// The file is written under a temporary name and renamed once fsynced, so a part that exists is complete.
/// </summary>
public sealed class MetricPartWriter : IDisposable
{
    private const string TemporaryExtension = ".tmp";

    private readonly string _directory;
    private readonly PartId _id;
    private readonly int _level;
    private readonly FileStream _file;
    private readonly SampleBlockEncoder _encoder;
    private readonly MetricPartTableEncoder _table = new();
    private long[] _blockMins = new long[16];
    private int[] _blockLengths = new int[16];
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private long _minTimestamp = long.MaxValue;
    private long _maxTimestamp = long.MinValue;
    private long _sampleCount;
    private bool _completed;

    /// <param name="effort">How hard to search for small blocks: <see cref="EncodingEffort.Fast"/> for flushed parts, which merges soon rewrite.</param>
    public MetricPartWriter(string directory, PartId id, int level, BlockCompression compression, EncodingEffort effort = EncodingEffort.Smallest)
    {
        _directory = directory;
        _id = id;
        _level = level;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(directory))!);
        }
        _file = new FileStream(TemporaryPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _file.Write(new byte[MetricPartFormat.HeaderLength]);
        _encoder = new SampleBlockEncoder(compression, effort: effort);
    }

    public int SeriesCount => _table.SeriesCount;

    private string TemporaryPath => Path.Combine(_directory, _id.FileName(MetricPartFormat.Extension) + TemporaryExtension);

    /// <summary>True for the leftovers of a writer that never completed, which a store removes on open.</summary>
    public static bool IsTemporary(string path) => path.EndsWith(TemporaryExtension, StringComparison.Ordinal);

    /// <summary>Adds a series' samples: timestamps ascending without repeats, at least one; refs ascending across calls.</summary>
    public void AddSeries(uint seriesRef, ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        if (timestamps.IsEmpty) throw new ArgumentException("a series in a part has at least one sample", nameof(timestamps));
        _table.CheckNext(seriesRef);
        var blocks = (timestamps.Length + MetricPartFormat.MaxBlockSamples - 1) / MetricPartFormat.MaxBlockSamples;
        if (_blockMins.Length < blocks)
        {
            _blockMins = new long[blocks];
            _blockLengths = new int[blocks];
        }
        for (var b = 0; b < blocks; b++)
        {
            var start = b * MetricPartFormat.MaxBlockSamples;
            var count = Math.Min(MetricPartFormat.MaxBlockSamples, timestamps.Length - start);
            _buffer.ResetWrittenCount();
            _blockLengths[b] = _encoder.Encode(timestamps.Slice(start, count), values.Slice(start, count), _buffer);
            _blockMins[b] = timestamps[start];
            _file.Write(_buffer.WrittenSpan);
        }
        _table.AddSeries(seriesRef, _blockMins.AsSpan(0, blocks), _blockLengths.AsSpan(0, blocks));
        _minTimestamp = Math.Min(_minTimestamp, timestamps[0]);
        _maxTimestamp = Math.Max(_maxTimestamp, timestamps[^1]);
        _sampleCount += timestamps.Length;
    }

    /// <summary>
    /// Finishes the file, makes it durable under its final name and opens it; null (and no file) if no series was
    /// added.
    /// </summary>
    public MetricPart? Complete()
    {
        _completed = true;
        if (_table.SeriesCount == 0)
        {
            _file.Dispose();
            File.Delete(TemporaryPath);
            return null;
        }
        var header = new MetricPartHeader(_id, _level, _minTimestamp, _maxTimestamp, _sampleCount, _table.SeriesCount, _table.BlockCount);
        _buffer.ResetWrittenCount();
        _table.Write(_buffer, _minTimestamp);
        var table = _buffer.WrittenSpan.ToArray();
        _buffer.ResetWrittenCount();
        PartFooter.Append(table, _table.BlocksEnd, _buffer);
        _file.Write(_buffer.WrittenSpan);
        Span<byte> headerBytes = stackalloc byte[MetricPartFormat.HeaderLength];
        header.Write(headerBytes);
        _file.Position = 0;
        _file.Write(headerBytes);
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        var path = Path.Combine(_directory, _id.FileName(MetricPartFormat.Extension));
        File.Move(TemporaryPath, path, overwrite: true);
        DirectorySync.Flush(_directory);
        return MetricPart.Open(path);
    }

    public void Dispose()
    {
        _encoder.Dispose();
        if (_completed) return;
        _file.Dispose();
        File.Delete(TemporaryPath);
    }
}
