using System.Buffers;
using System.Runtime.InteropServices;
using OllyStack.Core.Batches;

namespace OllyStack.Storage.Traces.Parts;

/// <summary>
/// Writes one span part (docs/format/span-part.md) trace by trace, in trace id order: blocks of whole traces, then the
/// table with the services, operations, block ranges, trace ids and their Bloom filter, through a
/// <see cref="PartFileWriter"/>: a part that exists is complete. Holds no more than a block of spans at a time.
/// </summary>
public sealed class SpanPartWriter : IDisposable
{
    private readonly PartFileWriter _file;
    private readonly SpanBlockEncoder _encoder = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly List<SpanRow> _pending = [];
    private readonly List<SpanBlockRef> _blocks = [];
    private readonly List<TraceId> _traceIds = [];
    private readonly SortedSet<string> _services = new(StringComparer.Ordinal);
    private readonly HashSet<SpanOperation> _operations = [];
    private long _spanCount;

    public SpanPartWriter(string directory, string fileName) => _file = new PartFileWriter(directory, fileName, PartKind.HeaderLength);

    /// <summary>Adds one trace's spans, at least one, by start time; traces in ascending id order (<see cref="TraceIdOrder"/>).</summary>
    public void AddTrace(IReadOnlyList<SpanRow> spans)
    {
        if (spans.Count == 0) throw new ArgumentException("a trace in a part has at least one span", nameof(spans));
        _pending.AddRange(spans);
        // Blocks close at the first trace boundary at or past the target, so a trace is always read from one block.
        if (_pending.Count >= SpanBlockFormat.TargetSpans) WriteBlock();
    }

    /// <summary>
    /// Finishes the file, makes it durable and opens it as <paramref name="id"/>; <paramref name="logEnd"/> and
    /// <paramref name="level"/> go in its header.
    /// </summary>
    public SpanPart Complete(PartId id, long logEnd, byte level = 0)
    {
        if (_pending.Count > 0) WriteBlock();
        if (_blocks.Count == 0) throw new InvalidOperationException("a span part has at least one span");
        var table = new SpanPartTable([.. _services], Operations(), [.. _blocks], [.. _traceIds], TraceIdBloom.Build(_traceIds));
        _buffer.ResetWrittenCount();
        table.Write(_buffer);
        Span<byte> header = stackalloc byte[PartKind.HeaderLength];
        new PartHeader(_blocks.Min(b => b.MinStartUnixNano), _blocks.Max(b => b.MaxStartUnixNano), _spanCount, logEnd, level).Write(header, SpanPartFormat.Kind);
        return SpanPart.Open(_file.Complete(_buffer.WrittenSpan, header), id);
    }

    public void Dispose()
    {
        _encoder.Dispose();
        _file.Dispose();
    }

    private void WriteBlock()
    {
        var spans = CollectionsMarshal.AsSpan(_pending);
        var firstTrace = _traceIds.Count;
        var minStart = long.MaxValue;
        var maxStart = long.MinValue;
        for (var i = 0; i < spans.Length; i++)
        {
            if (i == 0 || spans[i].TraceId != spans[i - 1].TraceId) _traceIds.Add(spans[i].TraceId);
            minStart = Math.Min(minStart, spans[i].StartUnixNano);
            maxStart = Math.Max(maxStart, spans[i].StartUnixNano);
            _services.Add(spans[i].Service);
            _operations.Add(spans[i].Operation);
        }
        _buffer.ResetWrittenCount();
        _encoder.Encode(spans, _buffer);
        var (offset, length) = _file.WriteBlock(_buffer.WrittenSpan);
        _blocks.Add(new SpanBlockRef(offset, length, minStart, maxStart, spans.Length, firstTrace, _traceIds.Count - firstTrace));
        _spanCount += spans.Length;
        _pending.Clear();
    }

    private SpanOperation[] Operations() =>
        [.. _operations.OrderBy(o => o.Service, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).ThenBy(o => o.Kind)];
}
