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
    private long _minTime = long.MaxValue;
    private long _maxTime = long.MinValue;
    private long _recordCount;

    /// <param name="miner">The tenant's template miner, which the bodies are mined into as they are written.</param>
    public LogPartWriter(string directory, string fileName, TemplateMiner miner)
    {
        _miner = miner;
        _file = new PartFileWriter(directory, fileName, PartKind.HeaderLength);
    }

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

    /// <summary>
    /// Finishes the file, makes it durable under its final name and opens it; null (and no file) if no stream was added.
    /// <paramref name="logEnd"/> goes in its header (<see cref="PartHeader.LogEnd"/>).
    /// </summary>
    public LogPart? Complete(Func<KeyValuePair<string, string>[], LogStream> intern, long logEnd)
    {
        if (_streams.Count == 0) return null;
        _buffer.ResetWrittenCount();
        LogPartTable.Write(_streams, _buffer);
        Span<byte> header = stackalloc byte[PartKind.HeaderLength];
        new PartHeader(_minTime, _maxTime, _recordCount, logEnd).Write(header, LogPartFormat.Kind);
        return LogPart.Open(_file.Complete(_buffer.WrittenSpan, header), intern);
    }

    public void Dispose()
    {
        _encoder.Dispose();
        _file.Dispose();
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
        var (offset, length) = _file.WriteBlock(_buffer.WrittenSpan);
        return new LogBlockRef(offset, length, rows[0].TimeUnixNano, rows[^1].TimeUnixNano, rows.Length);
    }
}
