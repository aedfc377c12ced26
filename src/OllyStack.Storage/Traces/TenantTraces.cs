using OllyStack.Core.Batches;
using OllyStack.Storage.Traces.Parts;

namespace OllyStack.Storage.Traces;

/// <summary>
/// One tenant's spans: the head (spans not yet in parts, by trace) and the parts in its folder. The storage writer
/// appends and flushes from one thread; reads run concurrently and see the head, a head being flushed and the parts
/// as one consistent snapshot. The store's maintenance thread merges parts and drops those past retention; a read
/// holds the parts it reads until it is done.
/// </summary>
public sealed class TenantTraces : IRecordTenant
{
    private readonly string _directory;
    private readonly Lock _lock = new();
    private readonly HashSet<SpanOperation> _operations = [];
    private Dictionary<TraceId, List<SpanRow>> _head = [];
    private Dictionary<TraceId, List<SpanRow>>? _flushing;
    private RecordParts<SpanPart> _parts = null!;
    private long _headSpans;

    private TenantTraces(string directory, string tenant)
    {
        _directory = directory;
        Tenant = tenant;
    }

    public string Tenant { get; }

    /// <summary>The current parts, oldest first (not held: for sizes and counts).</summary>
    public IReadOnlyList<SpanPart> Parts => _parts.Current;

    /// <summary>Part files found damaged on open and set aside (renamed to <c>.damaged</c>).</summary>
    public IReadOnlyList<string> Damaged => _parts.Damaged;

    public long HeadSpans => Interlocked.Read(ref _headSpans);

    public static TenantTraces Open(string directory, string tenant)
    {
        var traces = new TenantTraces(directory, tenant);
        traces._parts = RecordParts<SpanPart>.Open(directory, SpanPartFormat.Kind.Extension, SpanPart.Open);
        foreach (var part in traces.Parts) traces._operations.UnionWith(part.Table.Operations);
        traces.DurableLogEnd = traces.Parts.Count == 0 ? 0 : traces.Parts.Max(p => p.Header.LogEnd);
        return traces;
    }

    /// <summary>Adds spans to the head (storage writer only).</summary>
    public void Append(IReadOnlyList<SpanRow> spans)
    {
        lock (_lock)
        {
            foreach (var span in spans)
            {
                if (!_head.TryGetValue(span.TraceId, out var trace)) _head[span.TraceId] = trace = [];
                trace.Add(span);
                _operations.Add(span.Operation);
            }
        }
        Interlocked.Add(ref _headSpans, spans.Count);
    }

    /// <summary>Every span of the tenant below this offset of the traces topic is in a part (<see cref="PartHeader.LogEnd"/>).</summary>
    public long DurableLogEnd { get; private set; }

    /// <summary>
    /// Writes the head to a new part (storage writer only), which records that everything below
    /// <paramref name="logEnd"/> of the traces topic is applied; returns the spans written.
    /// </summary>
    public long Flush(long logEnd)
    {
        Dictionary<TraceId, List<SpanRow>> flushing;
        lock (_lock)
        {
            if (_head.Count == 0) return 0;
            _flushing = flushing = _head;
            _head = [];
        }
        var written = 0L;
        var id = _parts.NextFlushId();
        using (var writer = new SpanPartWriter(_directory, _parts.FileNameOf(id)))
        {
            foreach (var traceId in flushing.Keys.Order(TraceIdOrder.Instance))
            {
                writer.AddTrace(ByStart(flushing[traceId]));
                written += flushing[traceId].Count;
            }
            var part = writer.Complete(id, logEnd);
            DurableLogEnd = Math.Max(DurableLogEnd, logEnd);
            lock (_lock)
            {
                _parts.Add(part);
                _flushing = null;
            }
        }
        Interlocked.Add(ref _headSpans, -written);
        return written;
    }

    /// <summary>The trace's spans by start time, empty if none is stored. Reads one block of each part whose filter and ids say it holds the trace, and no other.</summary>
    public IReadOnlyList<SpanRow> FindTrace(TraceId traceId)
    {
        var found = new List<SpanRow>();
        HeldParts<SpanPart> held;
        lock (_lock)
        {
            held = _parts.Acquire();
            foreach (var head in _flushing is null ? [_head] : new[] { _flushing, _head })
                if (head.TryGetValue(traceId, out var spans)) found.AddRange(spans);
        }
        using var release = held;
        using var decoder = new SpanBlockDecoder();
        foreach (var part in held.Parts)
        {
            if (part.Table.BlockOf(traceId) is not { } block) continue;
            foreach (var span in decoder.Decode(part.ReadBlock(block).Span))
                if (span.TraceId == traceId) found.Add(span);
        }
        return ByStart(found);
    }

    /// <summary>The spans the scan selects, head first, then part by part; read lazily, so stopping early reads less.</summary>
    public IEnumerable<SpanRow> Scan(SpanScan scan, CancellationToken cancellationToken)
    {
        var head = new List<SpanRow>();
        HeldParts<SpanPart> held;
        lock (_lock)
        {
            held = _parts.Acquire();
            foreach (var heads in _flushing is null ? [_head] : new[] { _flushing, _head })
                foreach (var trace in heads.Values)
                    foreach (var span in trace)
                        if (scan.Matches(span)) head.Add(span);
        }
        using var release = held;
        foreach (var span in head) yield return span;
        using var decoder = new SpanBlockDecoder();
        foreach (var part in held.Parts)
        {
            if (!scan.MayMatch(part)) continue;
            foreach (var block in part.Table.Blocks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!block.Overlaps(scan.StartUnixNano, scan.EndUnixNano)) continue;
                foreach (var span in decoder.Decode(part.ReadBlock(block).Span))
                    if (scan.Matches(span)) yield return span;
            }
        }
    }

    /// <summary>Every operation the tenant's stored spans have, sorted by service, name and kind.</summary>
    public IReadOnlyList<SpanOperation> Operations()
    {
        lock (_lock) return [.. _operations.OrderBy(o => o.Service, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).ThenBy(o => o.Kind)];
    }

    /// <summary>
    /// Merges what <see cref="RecordPartMergePolicy"/> picks and drops parts whose newest span started longer than
    /// <paramref name="retention"/> before the newest one (or the clock, if that is earlier). Maintenance thread only;
    /// returns the merges done.
    /// </summary>
    public int Maintain(TimeSpan retention, CancellationToken cancellationToken)
    {
        if (_parts.DropPastRetention(retention).Count > 0) ForgetExpiredOperations();
        return _parts.MergeDue(retention, (picked, id, fileName) => SpanPartMerger.Merge(picked, _directory, fileName, id, cancellationToken), cancellationToken);
    }

    public void Dispose() => _parts.Close();

    /// <summary>Services and operations of spans that retention deleted no longer show: what is left is what parts and head hold.</summary>
    private void ForgetExpiredOperations()
    {
        lock (_lock)
        {
            _operations.Clear();
            foreach (var part in _parts.Current) _operations.UnionWith(part.Table.Operations);
            foreach (var head in _flushing is null ? [_head] : new[] { _flushing, _head })
                foreach (var trace in head.Values)
                    foreach (var span in trace) _operations.Add(span.Operation);
        }
    }

    /// <summary>Sorted by start time, arrival order among equal starts.</summary>
    private static List<SpanRow> ByStart(List<SpanRow> spans) => [.. spans.OrderBy(s => s.StartUnixNano)];
}
