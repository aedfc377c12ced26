using OllyStack.Storage.Logs.Parts;
using OllyStack.Storage.Logs.Templates;

namespace OllyStack.Storage.Logs;

/// <summary>
/// One tenant's logs: the head (records not yet in parts, by stream) and the parts in its folder. The storage writer
/// appends and flushes from one thread; reads run concurrently and see the head, a head being flushed and the parts
/// as one consistent snapshot. The store's maintenance thread merges parts and drops those past retention; a read
/// holds the parts it reads until it is done.
/// </summary>
public sealed class TenantLogs : IRecordTenant
{
    private readonly string _directory;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LogStream> _streams = new(StringComparer.Ordinal);
    /// <summary>Mines the bodies as flushes write them (flush thread only: the miner is not thread-safe).</summary>
    private readonly TemplateMiner _miner = new();
    /// <summary>Mines the bodies merges write again (maintenance thread only).</summary>
    private readonly TemplateMiner _mergeMiner = new();
    private Dictionary<LogStream, List<LogRow>> _head = NewHead();
    private Dictionary<LogStream, List<LogRow>>? _flushing;
    private RecordParts<LogPart> _parts = null!;
    private long _headRecords;
    private long _headChars;

    private TenantLogs(string directory, string tenant)
    {
        _directory = directory;
        Tenant = tenant;
    }

    public string Tenant { get; }

    /// <summary>The current parts, oldest first (not held: for sizes and counts).</summary>
    public IReadOnlyList<LogPart> Parts => _parts.Current;

    /// <summary>Part files found damaged on open and set aside (renamed to <c>.damaged</c>).</summary>
    public IReadOnlyList<string> Damaged => _parts.Damaged;

    public long HeadRecords => Interlocked.Read(ref _headRecords);

    /// <summary>UTF-16 characters of the bodies in the head: what the head's memory mostly is.</summary>
    public long HeadChars => Interlocked.Read(ref _headChars);

    public static TenantLogs Open(string directory, string tenant)
    {
        var logs = new TenantLogs(directory, tenant);
        logs._parts = RecordParts<LogPart>.Open(directory, LogPartFormat.Kind.Extension, (path, id) => LogPart.Open(path, id, logs.Intern));
        logs.DurableLogEnd = logs.Parts.Count == 0 ? 0 : logs.Parts.Max(p => p.Header.LogEnd);
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
        var id = _parts.NextFlushId();
        using (var writer = new LogPartWriter(_directory, _parts.FileNameOf(id), _miner))
        {
            foreach (var (stream, rows) in flushing.OrderBy(s => s.Key.Key, StringComparer.Ordinal))
            {
                writer.AddStream(stream, Sorted(rows));
                written += rows.Count;
            }
            var part = writer.Complete(Intern, id, logEnd)!;
            DurableLogEnd = Math.Max(DurableLogEnd, logEnd);
            lock (_lock)
            {
                _parts.Add(part);
                _flushing = null;
            }
        }
        Interlocked.Add(ref _headRecords, -written);
        Interlocked.Add(ref _headChars, -flushing.Values.Sum(rows => rows.Sum(r => (long)r.Body.Length)));
        return written;
    }

    /// <summary>
    /// The selected records merged across streams in time order, read lazily: stopping early reads less. The parts
    /// read stay held until the enumeration is disposed.
    /// </summary>
    public IEnumerable<StoredLogEntry> Read(LogSelection selection, CancellationToken cancellationToken)
    {
        using var held = Snapshot(selection, out var cursors);
        foreach (var entry in new LogMerge(selection, cursors).Read(cancellationToken)) yield return entry;
    }

    /// <summary>The streams with a selected record's time range overlapping [start, end); no bodies are read.</summary>
    public IReadOnlyList<LogStream> Streams(LogSelection selection)
    {
        var found = new HashSet<LogStream>(ReferenceEqualityComparer.Instance);
        using (Snapshot(selection, out var cursors))
            foreach (var cursor in cursors) found.Add(cursor.Stream);
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
        using var held = Snapshot(selection, out var cursors);
        foreach (var cursor in cursors)
        {
            streams.Add(cursor.Stream);
            chunks++;
            entries += cursor.RecordCount;
            bytes += cursor.ByteCount;
        }
        return new LogStats(streams.Count, chunks, entries, bytes);
    }

    /// <summary>
    /// Merges what <see cref="RecordPartMergePolicy"/> picks and drops parts whose newest record is older than
    /// <paramref name="retention"/> behind the newest record (or the clock, if that is earlier). Maintenance thread
    /// only; returns the merges done.
    /// </summary>
    public int Maintain(TimeSpan retention, CancellationToken cancellationToken)
    {
        _parts.DropPastRetention(retention);
        return _parts.MergeDue(retention, (picked, id, fileName) => LogPartMerger.Merge(picked, _directory, fileName, id, _mergeMiner, Intern, cancellationToken), cancellationToken);
    }

    public void Dispose() => _parts.Close();

    /// <summary>A cursor per head run and per part block that the selection may need, in stream order; the parts stay held until the result is disposed.</summary>
    private HeldParts<LogPart> Snapshot(LogSelection selection, out List<LogCursor> cursors)
    {
        cursors = [];
        var order = new Dictionary<LogStream, int>(ReferenceEqualityComparer.Instance);
        int OrderOf(LogStream stream) => order.TryGetValue(stream, out var o) ? o : order[stream] = order.Count;
        HeldParts<LogPart> held;
        lock (_lock)
        {
            held = _parts.Acquire();
            foreach (var head in _flushing is null ? [_head] : new[] { _flushing, _head })
                foreach (var (stream, rows) in head)
                    if (selection.Matches(stream) && InRange(rows, selection) is { Length: > 0 } inRange)
                        cursors.Add(LogCursor.OfRows(stream, OrderOf(stream), inRange, selection));
        }
        foreach (var part in held.Parts)
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
        return held;
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
