using OllyStack.Storage.Logs.Parts;
using OllyStack.Storage.Logs.Templates;

namespace OllyStack.Storage.Logs;

/// <summary>
/// One tenant's logs: the head (records not yet in parts, by stream) and the parts in its folder. The storage writer
/// appends and flushes from one thread; reads run concurrently and see the head, a head being flushed and the parts
/// as one consistent snapshot.
/// </summary>
public sealed class TenantLogs : IDisposable
{
    private readonly string _directory;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LogStream> _streams = new(StringComparer.Ordinal);
    /// <summary>Mines the bodies as flushes write them (flush thread only: the miner is not thread-safe).</summary>
    private readonly TemplateMiner _miner = new();
    private readonly List<string> _damaged = [];
    private Dictionary<LogStream, List<LogRow>> _head = NewHead();
    private Dictionary<LogStream, List<LogRow>>? _flushing;
    private LogPart[] _parts = [];
    private long _nextPart;
    private long _headRecords;
    private long _headChars;

    private TenantLogs(string directory, string tenant)
    {
        _directory = directory;
        Tenant = tenant;
    }

    public string Tenant { get; }

    public IReadOnlyList<LogPart> Parts => Volatile.Read(ref _parts);

    /// <summary>Part files found damaged on open and set aside (renamed to <c>.damaged</c>).</summary>
    public IReadOnlyList<string> Damaged => _damaged;

    public long HeadRecords => Interlocked.Read(ref _headRecords);

    /// <summary>UTF-16 characters of the bodies in the head: what the head's memory mostly is.</summary>
    public long HeadChars => Interlocked.Read(ref _headChars);

    public static TenantLogs Open(string directory, string tenant)
    {
        var logs = new TenantLogs(directory, tenant);
        logs._parts = [.. PartDirectory.Open(directory, LogPartFormat.Kind.Extension, path => LogPart.Open(path, logs.Intern), logs._damaged, out logs._nextPart)];
        logs.DurableLogEnd = logs._parts.Length == 0 ? 0 : logs._parts.Max(p => p.Header.LogEnd);
        return logs;
    }

    /// <summary>The tenant's one instance of the stream with these sorted labels.</summary>
    public LogStream Intern(KeyValuePair<string, string>[] sortedLabels)
    {
        var key = LogStream.KeyOf(sortedLabels);
        lock (_streams)
        {
            if (_streams.TryGetValue(key, out var stream)) return stream;
            _streams[key] = stream = new LogStream(sortedLabels);
            return stream;
        }
    }

    /// <summary>Adds records to the head (storage writer only).</summary>
    public void Append(IReadOnlyList<StoredLogEntry> entries)
    {
        var chars = 0L;
        lock (_lock)
        {
            foreach (var (stream, row) in entries)
            {
                if (!_head.TryGetValue(stream, out var rows)) _head[stream] = rows = [];
                rows.Add(row);
                chars += row.Body.Length;
            }
        }
        Interlocked.Add(ref _headRecords, entries.Count);
        Interlocked.Add(ref _headChars, chars);
    }

    /// <summary>Every record of the tenant below this offset of the logs topic is in a part (<see cref="PartHeader.LogEnd"/>).</summary>
    public long DurableLogEnd { get; private set; }

    /// <summary>
    /// Writes the head to a new part (storage writer only), which records that everything below
    /// <paramref name="logEnd"/> of the logs topic is applied; returns the records written.
    /// </summary>
    public long Flush(long logEnd)
    {
        Dictionary<LogStream, List<LogRow>> flushing;
        lock (_lock)
        {
            if (_head.Count == 0) return 0;
            _flushing = flushing = _head;
            _head = NewHead();
        }
        var written = 0L;
        using (var writer = new LogPartWriter(_directory, LogPartName.Of(_nextPart++), _miner))
        {
            foreach (var (stream, rows) in flushing.OrderBy(s => s.Key.Key, StringComparer.Ordinal))
            {
                writer.AddStream(stream, Sorted(rows));
                written += rows.Count;
            }
            var part = writer.Complete(Intern, logEnd)!;
            DurableLogEnd = Math.Max(DurableLogEnd, logEnd);
            lock (_lock)
            {
                _parts = [.. _parts, part];
                _flushing = null;
            }
        }
        Interlocked.Add(ref _headRecords, -written);
        Interlocked.Add(ref _headChars, -flushing.Values.Sum(rows => rows.Sum(r => (long)r.Body.Length)));
        return written;
    }

    /// <summary>The selected records merged across streams in time order, read lazily: stopping early reads less.</summary>
    public IEnumerable<StoredLogEntry> Read(LogSelection selection, CancellationToken cancellationToken) =>
        new LogMerge(selection, Snapshot(selection)).Read(cancellationToken);

    /// <summary>The streams with a selected record's time range overlapping [start, end); no bodies are read.</summary>
    public IReadOnlyList<LogStream> Streams(LogSelection selection)
    {
        var found = new HashSet<LogStream>(ReferenceEqualityComparer.Instance);
        foreach (var cursor in Snapshot(selection)) found.Add(cursor.Stream);
        return [.. found.OrderBy(s => s.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// What the selection would read, from the stream tables and the head alone: streams, blocks (head runs count as
    /// one each), records and bytes of the blocks and head bodies. Records of blocks partly in range count whole.
    /// </summary>
    public LogStats Stats(LogSelection selection)
    {
        var streams = new HashSet<LogStream>(ReferenceEqualityComparer.Instance);
        var (chunks, entries, bytes) = (0L, 0L, 0L);
        foreach (var cursor in Snapshot(selection))
        {
            streams.Add(cursor.Stream);
            chunks++;
            entries += cursor.RecordCount;
            bytes += cursor.ByteCount;
        }
        return new LogStats(streams.Count, chunks, entries, bytes);
    }

    public void Dispose()
    {
        foreach (var part in _parts) part.Dispose();
    }

    /// <summary>A cursor per head run and per part block that the selection may need, in stream order.</summary>
    private List<LogCursor> Snapshot(LogSelection selection)
    {
        var cursors = new List<LogCursor>();
        var order = new Dictionary<LogStream, int>(ReferenceEqualityComparer.Instance);
        int OrderOf(LogStream stream) => order.TryGetValue(stream, out var o) ? o : order[stream] = order.Count;
        LogPart[] parts;
        lock (_lock)
        {
            parts = _parts;
            foreach (var head in _flushing is null ? [_head] : new[] { _flushing, _head })
                foreach (var (stream, rows) in head)
                    if (selection.Matches(stream) && InRange(rows, selection) is { Length: > 0 } inRange)
                        cursors.Add(LogCursor.OfRows(stream, OrderOf(stream), inRange, selection));
        }
        foreach (var part in parts)
        {
            if (part.Header.MaxTimeUnixNano < selection.StartUnixNano || part.Header.MinTimeUnixNano >= selection.EndUnixNano) continue;
            foreach (var entry in part.Streams)
            {
                if (!selection.Matches(entry.Stream)) continue;
                foreach (var block in entry.Blocks)
                    if (block.MaxTimeUnixNano >= selection.StartUnixNano && block.MinTimeUnixNano < selection.EndUnixNano)
                        cursors.Add(LogCursor.OfBlock(entry.Stream, OrderOf(entry.Stream), part, block));
            }
        }
        return cursors;
    }

    /// <summary>The head rows within the selection's range, sorted by time (arrival order among equal times).</summary>
    private static LogRow[] InRange(List<LogRow> rows, LogSelection selection)
    {
        var inRange = new List<LogRow>();
        foreach (var row in rows)
            if (row.TimeUnixNano >= selection.StartUnixNano && row.TimeUnixNano < selection.EndUnixNano) inRange.Add(row);
        return Sorted(inRange);
    }

    private static LogRow[] Sorted(List<LogRow> rows)
    {
        for (var i = 1; i < rows.Count; i++)
            if (rows[i].TimeUnixNano < rows[i - 1].TimeUnixNano) return [.. rows.OrderBy(r => r.TimeUnixNano)];
        return [.. rows];
    }

    private static Dictionary<LogStream, List<LogRow>> NewHead() => new(ReferenceEqualityComparer.Instance);
}
