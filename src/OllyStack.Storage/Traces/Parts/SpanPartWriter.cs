using System.Buffers;
using OllyStack.Core.Batches;

namespace OllyStack.Storage.Traces.Parts;

/// <summary>
/// Writes one span part (docs/format/span-part.md) from spans sorted by trace id: blocks of whole traces, then the
/// table with the services, operations, block ranges, trace ids and their Bloom filter, through a
/// <see cref="PartFileWriter"/>: a part that exists is complete.
/// </summary>
public sealed class SpanPartWriter : IDisposable
{
    private readonly PartFileWriter _file;
    private readonly SpanBlockEncoder _encoder = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);

    public SpanPartWriter(string directory, string fileName) => _file = new PartFileWriter(directory, fileName, PartKind.HeaderLength);

    /// <summary>
    /// Writes the spans, at least one, sorted by trace id (a trace's spans by start time), makes the part durable and
    /// opens it; <paramref name="logEnd"/> goes in its header (<see cref="PartHeader.LogEnd"/>).
    /// </summary>
    public SpanPart Write(ReadOnlySpan<SpanRow> spans, long logEnd)
    {
        if (spans.IsEmpty) throw new ArgumentException("a span part has at least one span", nameof(spans));
        var blocks = new List<SpanBlockRef>();
        var traceIds = new List<TraceId>();
        for (var start = 0; start < spans.Length;)
        {
            var count = BlockLength(spans[start..]);
            blocks.Add(WriteBlock(spans.Slice(start, count), traceIds));
            start += count;
        }
        var table = new SpanPartTable(Services(spans), Operations(spans), [.. blocks], [.. traceIds], TraceIdBloom.Build(traceIds));
        _buffer.ResetWrittenCount();
        table.Write(_buffer);
        Span<byte> header = stackalloc byte[PartKind.HeaderLength];
        new PartHeader(blocks.Min(b => b.MinStartUnixNano), blocks.Max(b => b.MaxStartUnixNano), spans.Length, logEnd).Write(header, SpanPartFormat.Kind);
        return SpanPart.Open(_file.Complete(_buffer.WrittenSpan, header));
    }

    public void Dispose()
    {
        _encoder.Dispose();
        _file.Dispose();
    }

    /// <summary>Whole traces up to the first trace boundary at or past <see cref="SpanBlockFormat.TargetSpans"/>.</summary>
    private static int BlockLength(ReadOnlySpan<SpanRow> spans)
    {
        var length = Math.Min(spans.Length, SpanBlockFormat.TargetSpans);
        while (length < spans.Length && spans[length].TraceId == spans[length - 1].TraceId) length++;
        return length;
    }

    private SpanBlockRef WriteBlock(ReadOnlySpan<SpanRow> spans, List<TraceId> traceIds)
    {
        var firstTrace = traceIds.Count;
        var minStart = long.MaxValue;
        var maxStart = long.MinValue;
        for (var i = 0; i < spans.Length; i++)
        {
            if (i == 0 || spans[i].TraceId != spans[i - 1].TraceId) traceIds.Add(spans[i].TraceId);
            minStart = Math.Min(minStart, spans[i].StartUnixNano);
            maxStart = Math.Max(maxStart, spans[i].StartUnixNano);
        }
        _buffer.ResetWrittenCount();
        _encoder.Encode(spans, _buffer);
        var (offset, length) = _file.WriteBlock(_buffer.WrittenSpan);
        return new SpanBlockRef(offset, length, minStart, maxStart, spans.Length, firstTrace, traceIds.Count - firstTrace);
    }

    private static string[] Services(ReadOnlySpan<SpanRow> spans)
    {
        var services = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var span in spans) services.Add(span.Service);
        return [.. services];
    }

    private static SpanOperation[] Operations(ReadOnlySpan<SpanRow> spans)
    {
        var operations = new HashSet<SpanOperation>();
        foreach (var span in spans) operations.Add(span.Operation);
        return [.. operations.OrderBy(o => o.Service, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).ThenBy(o => o.Kind)];
    }
}
