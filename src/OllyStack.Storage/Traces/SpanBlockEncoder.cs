using System.Buffers;
using OllyStack.Core.Batches;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Traces;

/// <summary>
/// Writes one span block (docs/format/span-part.md, "Block"): the spans' columns, texts through one dictionary, times
/// as differences, then Zstandard over the columns when that is smaller. Reuse one encoder; not thread-safe.
/// </summary>
public sealed class SpanBlockEncoder : IDisposable
{
    private readonly ZstdSharp.Compressor _zstandard = ZstandardSettings.CreateCompressor(ZstandardSettings.DefaultLevel);
    private readonly ArrayBufferWriter<byte> _columns = new(1 << 16);
    private readonly ArrayBufferWriter<byte> _references = new(1 << 16);

    /// <summary>Appends the block for <paramref name="spans"/>, sorted by trace id (a trace's spans together), to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<SpanRow> spans, IBufferWriter<byte> output)
    {
        _columns.ResetWrittenCount();
        var traces = WriteIds(spans, _columns);
        // Every text goes through one dictionary, which the columns then refer to: written after the references are
        // known, so the references go to a second buffer first.
        var dictionary = new StringDictionary();
        _references.ResetWrittenCount();
        WriteReferencedColumns(spans, dictionary, _references);
        dictionary.Write(_columns);
        _columns.Write(_references.WrittenSpan);
        output.WriteByte(SpanBlockFormat.Version);
        output.WriteVarint((ulong)spans.Length);
        output.WriteVarint((ulong)traces);
        CompressedColumns.Write(_zstandard, _columns.WrittenSpan, output);
    }

    public void Dispose() => _zstandard.Dispose();

    /// <summary>Trace ids with their span counts, span ids, parent span ids; returns the number of traces.</summary>
    private static int WriteIds(ReadOnlySpan<SpanRow> spans, ArrayBufferWriter<byte> output)
    {
        var traces = 0;
        for (var start = 0; start < spans.Length;)
        {
            var end = start + 1;
            while (end < spans.Length && spans[end].TraceId == spans[start].TraceId) end++;
            WriteTraceId(output, spans[start].TraceId);
            output.WriteVarint((ulong)(end - start));
            traces++;
            start = end;
        }
        foreach (var span in spans) WriteSpanId(output, span.SpanId);
        var bitmapLength = (spans.Length + 7) / 8;
        var present = output.GetSpan(bitmapLength)[..bitmapLength];
        present.Clear();
        for (var i = 0; i < spans.Length; i++)
            if (!spans[i].ParentSpanId.IsEmpty) present[i >> 3] |= (byte)(1 << (i & 7));
        output.Advance(bitmapLength);
        foreach (var span in spans)
            if (!span.ParentSpanId.IsEmpty) WriteSpanId(output, span.ParentSpanId);
        return traces;
    }

    private static void WriteReferencedColumns(ReadOnlySpan<SpanRow> spans, StringDictionary dictionary, ArrayBufferWriter<byte> output)
    {
        foreach (var span in spans) output.WriteVarint((ulong)dictionary.IndexOf(span.Service));
        foreach (var span in spans) output.WriteVarint((ulong)dictionary.IndexOf(span.Name));
        foreach (var span in spans) output.WriteByte(span.Kind);
        var previous = 0L;
        foreach (var span in spans)
        {
            output.WriteSignedVarint(unchecked(span.StartUnixNano - previous));
            previous = span.StartUnixNano;
        }
        foreach (var span in spans) output.WriteSignedVarint(span.DurationNano);
        foreach (var span in spans) output.WriteVarint(span.Flags);
        foreach (var span in spans) output.WriteByte(span.StatusCode);
        foreach (var span in spans) output.WriteVarint((ulong)dictionary.IndexOf(span.StatusMessage));
        foreach (var span in spans) WriteAttributes(span.Attributes, dictionary, output);
        foreach (var span in spans) WriteEvents(span, dictionary, output);
        foreach (var span in spans) WriteLinks(span.Links, dictionary, output);
        WriteResources(spans, dictionary, output);
        foreach (var span in spans)
        {
            output.WriteVarint((ulong)dictionary.IndexOf(span.ScopeName));
            output.WriteVarint((ulong)dictionary.IndexOf(span.ScopeVersion));
        }
    }

    private static void WriteEvents(SpanRow span, StringDictionary dictionary, ArrayBufferWriter<byte> output)
    {
        output.WriteVarint((ulong)span.Events.Length);
        foreach (var spanEvent in span.Events)
        {
            output.WriteSignedVarint(unchecked(spanEvent.TimeUnixNano - span.StartUnixNano));
            output.WriteVarint((ulong)dictionary.IndexOf(spanEvent.Name));
            WriteAttributes(spanEvent.Attributes, dictionary, output);
        }
    }

    private static void WriteLinks(SpanLink[] links, StringDictionary dictionary, ArrayBufferWriter<byte> output)
    {
        output.WriteVarint((ulong)links.Length);
        foreach (var link in links)
        {
            WriteTraceId(output, link.TraceId);
            WriteSpanId(output, link.SpanId);
            WriteAttributes(link.Attributes, dictionary, output);
        }
    }

    /// <summary>Each distinct resource's attributes once (spans of a batch share their resource's array), then an index per span.</summary>
    private static void WriteResources(ReadOnlySpan<SpanRow> spans, StringDictionary dictionary, ArrayBufferWriter<byte> output)
    {
        var resources = new Dictionary<SpanAttribute[], int>(SpanAttributesComparer.Instance);
        var indexes = new int[spans.Length];
        for (var i = 0; i < spans.Length; i++)
            if (!resources.TryGetValue(spans[i].ResourceAttributes, out indexes[i])) resources[spans[i].ResourceAttributes] = indexes[i] = resources.Count;
        output.WriteVarint((ulong)resources.Count);
        foreach (var resource in resources.Keys) WriteAttributes(resource, dictionary, output);
        foreach (var index in indexes) output.WriteVarint((ulong)index);
    }

    private static void WriteAttributes(SpanAttribute[] attributes, StringDictionary dictionary, ArrayBufferWriter<byte> output)
    {
        output.WriteVarint((ulong)attributes.Length);
        foreach (var attribute in attributes)
        {
            output.WriteVarint((ulong)dictionary.IndexOf(attribute.Key));
            output.WriteByte((byte)attribute.Kind);
            output.WriteVarint((ulong)dictionary.IndexOf(attribute.Value));
        }
    }

    private static void WriteTraceId(ArrayBufferWriter<byte> output, TraceId id)
    {
        id.Write(output.GetSpan(TraceId.Length));
        output.Advance(TraceId.Length);
    }

    private static void WriteSpanId(ArrayBufferWriter<byte> output, SpanId id)
    {
        id.Write(output.GetSpan(SpanId.Length));
        output.Advance(SpanId.Length);
    }
}
