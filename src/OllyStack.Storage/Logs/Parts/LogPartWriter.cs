using System.Buffers;
using OllyStack.Storage.Logs.Templates;

namespace OllyStack.Storage.Logs.Parts;

/// <summary>
/// Writes one log part (docs/format/log-part.md): streams one after another, each as blocks of up to
/// <see cref="LogBlockFormat.MaxRows"/> records, then the stream table, the footer and finally the header, through a
/// <see cref="PartFileWriter"/>: a part that exists is complete.
/// </summary>
public sealed class LogPartWriter : IDisposable
{
    private readonly PartFileWriter _file;
    private readonly LogBlockEncoder _encoder = new();
    private readonly TemplateMiner _miner;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly List<LogPartStream> _streams = [];
    private readonly List<LogRow> _pending = [];
    private long _minTime = long.MaxValue;
    private long _maxTime = long.MinValue;
    private long _recordCount;

    /// <param name="miner">The tenant's template miner, which the bodies are mined into as they are written.</param>
    public LogPartWriter(string directory, string fileName, TemplateMiner miner)
    {
        _miner = miner;
        _file = new PartFileWriter(directory, fileName, PartKind.HeaderLength);
    }

    /// <summary>
    /// Adds a stream's records, at least one, in ascending time; each stream once. The records are read as they are
    /// written, so a merge keeps no more than a block of them in memory.
    /// </summary>
    public void AddStream(LogStream stream, IEnumerable<LogRow> rows)
    {
        var blocks = new List<LogBlockRef>();
        var chars = 0L;
        _pending.Clear();
        foreach (var row in rows)
        {
            if (_pending.Count == LogBlockFormat.MaxRows || (chars + row.Body.Length > LogBlockFormat.MaxBodyChars && _pending.Count > 0))
            {
                blocks.Add(WriteBlock());
                chars = 0;
            }
            _pending.Add(row);
            chars += row.Body.Length;
        }
        if (_pending.Count == 0 && blocks.Count == 0) throw new ArgumentException("a stream in a part has at least one record", nameof(rows));
        if (_pending.Count > 0) blocks.Add(WriteBlock());
        _streams.Add(new LogPartStream(stream, [.. blocks]));
        _minTime = Math.Min(_minTime, blocks[0].MinTimeUnixNano);
        _maxTime = Math.Max(_maxTime, blocks[^1].MaxTimeUnixNano);
        _recordCount += blocks.Sum(b => b.RecordCount);
    }

    /// <summary>
    /// Finishes the file, makes it durable under its final name and opens it as <paramref name="id"/>; null (and no
    /// file) if no stream was added. <paramref name="logEnd"/> and <paramref name="level"/> go in its header.
    /// </summary>
    public LogPart? Complete(Func<KeyValuePair<string, string>[], LogStream> intern, PartId id, long logEnd, byte level = 0)
    {
        if (_streams.Count == 0) return null;
        _buffer.ResetWrittenCount();
        LogPartTable.Write(_streams, _buffer);
        Span<byte> header = stackalloc byte[PartKind.HeaderLength];
        new PartHeader(_minTime, _maxTime, _recordCount, logEnd, level).Write(header, LogPartFormat.Kind);
        return LogPart.Open(_file.Complete(_buffer.WrittenSpan, header), id, intern);
    }

    public void Dispose()
    {
        _encoder.Dispose();
        _file.Dispose();
    }

    /// <summary>Writes the pending records as a block and empties them.</summary>
    private LogBlockRef WriteBlock()
    {
        var rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);
        _buffer.ResetWrittenCount();
        _encoder.Encode(rows, _miner, _buffer);
        var (offset, length) = _file.WriteBlock(_buffer.WrittenSpan);
        var block = new LogBlockRef(offset, length, rows[0].TimeUnixNano, rows[^1].TimeUnixNano, rows.Length);
        _pending.Clear();
        return block;
    }
}
