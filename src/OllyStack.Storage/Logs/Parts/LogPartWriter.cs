using System.Buffers;
using System.Buffers.Binary;
using OllyStack.Core.Durability;
using OllyStack.Storage.Logs.Templates;

namespace OllyStack.Storage.Logs.Parts;

/// <summary>
/// Writes one log part (docs/format/log-part.md): streams one after another, each as blocks of up to
/// <see cref="LogBlockFormat.MaxRows"/> records, then the stream table, the footer and finally the header. The file is
/// written under a temporary name and renamed once fsynced, so a part that exists is complete.
/// </summary>
public sealed class LogPartWriter : IDisposable
{
    private const string TemporaryExtension = ".tmp";

    private readonly string _directory;
    private readonly string _fileName;
    private readonly FileStream _file;
    private readonly LogBlockEncoder _encoder = new();
    private readonly TemplateMiner _miner;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly List<LogPartStream> _streams = [];
    private long _minTime = long.MaxValue;
    private long _maxTime = long.MinValue;
    private long _recordCount;
    private bool _completed;

    /// <param name="miner">The tenant's template miner, which the bodies are mined into as they are written.</param>
    public LogPartWriter(string directory, string fileName, TemplateMiner miner)
    {
        _directory = directory;
        _fileName = fileName;
        _miner = miner;
        Directory.CreateDirectory(directory);
        _file = new FileStream(TemporaryPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _file.Write(new byte[LogPartFormat.HeaderLength]);
    }

    private string TemporaryPath => Path.Combine(_directory, _fileName + TemporaryExtension);

    /// <summary>True for the leftovers of a writer that never completed, which a store removes on open.</summary>
    public static bool IsTemporary(string path) => path.EndsWith(TemporaryExtension, StringComparison.Ordinal);

    /// <summary>Adds a stream's records, at least one, in ascending time; each stream once.</summary>
    public void AddStream(LogStream stream, ReadOnlySpan<LogRow> rows)
    {
        if (rows.IsEmpty) throw new ArgumentException("a stream in a part has at least one record", nameof(rows));
        var blocks = new List<LogBlockRef>();
        for (var start = 0; start < rows.Length;)
        {
            var count = BlockLength(rows[start..]);
            blocks.Add(WriteBlock(rows.Slice(start, count)));
            start += count;
        }
        _streams.Add(new LogPartStream(stream, [.. blocks]));
        _minTime = Math.Min(_minTime, rows[0].TimeUnixNano);
        _maxTime = Math.Max(_maxTime, rows[^1].TimeUnixNano);
        _recordCount += rows.Length;
    }

    /// <summary>Finishes the file, makes it durable under its final name and opens it; null (and no file) if no stream was added.</summary>
    public LogPart? Complete(Func<KeyValuePair<string, string>[], LogStream> intern)
    {
        _completed = true;
        if (_streams.Count == 0)
        {
            _file.Dispose();
            File.Delete(TemporaryPath);
            return null;
        }
        var tableOffset = _file.Position;
        _buffer.ResetWrittenCount();
        LogPartTable.Write(_streams, _buffer);
        var table = _buffer.WrittenSpan.ToArray();
        _buffer.ResetWrittenCount();
        PartFooter.Append(table, tableOffset, _buffer);
        _file.Write(_buffer.WrittenSpan);
        Span<byte> header = stackalloc byte[LogPartFormat.HeaderLength];
        new LogPartHeader(_minTime, _maxTime, _recordCount).Write(header);
        _file.Position = 0;
        _file.Write(header);
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        var path = Path.Combine(_directory, _fileName);
        File.Move(TemporaryPath, path, overwrite: true);
        DirectorySync.Flush(_directory);
        return LogPart.Open(path, intern);
    }

    public void Dispose()
    {
        _encoder.Dispose();
        if (_completed) return;
        _file.Dispose();
        File.Delete(TemporaryPath);
    }

    /// <summary>How many of <paramref name="rows"/> go in the next block: up to the record and body-size caps, at least one.</summary>
    private static int BlockLength(ReadOnlySpan<LogRow> rows)
    {
        var chars = 0L;
        for (var i = 0; i < rows.Length && i < LogBlockFormat.MaxRows; i++)
        {
            chars += rows[i].Body.Length;
            if (chars > LogBlockFormat.MaxBodyChars && i > 0) return i;
        }
        return Math.Min(rows.Length, LogBlockFormat.MaxRows);
    }

    private LogBlockRef WriteBlock(ReadOnlySpan<LogRow> rows)
    {
        _buffer.ResetWrittenCount();
        _encoder.Encode(rows, _miner, _buffer);
        var payload = _buffer.WrittenSpan;
        Span<byte> frame = stackalloc byte[LogPartFormat.FrameLength];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32C.Compute(payload));
        var offset = _file.Position;
        _file.Write(frame);
        _file.Write(payload);
        return new LogBlockRef(offset, LogPartFormat.FrameLength + payload.Length, rows[0].TimeUnixNano, rows[^1].TimeUnixNano, rows.Length);
    }
}
