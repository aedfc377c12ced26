using System.Buffers;
using OllyStack.Core.Batches;
using OllyStack.Storage.Codecs;
using OllyStack.Storage.Logs.Templates;

namespace OllyStack.Storage.Logs;

/// <summary>
/// Writes one log block (docs/format/log-part.md, "Block"): the records' columns other than the body, dictionary- and
/// delta-encoded and then Zstandard-compressed when that is smaller; the bodies as a log body block (mined templates
/// plus variables); and the trigram filter of the bodies. Reuse one encoder; not thread-safe.
/// </summary>
public sealed class LogBlockEncoder : IDisposable
{
    private readonly ZstdSharp.Compressor _zstandard = ZstandardSettings.CreateCompressor(ZstandardSettings.DefaultLevel);
    private readonly LogBodyEncoder _bodies = new();
    private readonly ArrayBufferWriter<byte> _columns = new(1 << 16);
    private readonly List<string> _bodyTexts = [];
    private readonly List<long> _times = [];

    /// <summary>Appends the block for <paramref name="rows"/> (ascending time) to <paramref name="output"/>, mining bodies into <paramref name="miner"/>.</summary>
    public void Encode(ReadOnlySpan<LogRow> rows, TemplateMiner miner, IBufferWriter<byte> output)
    {
        _columns.ResetWrittenCount();
        WriteColumns(rows, _columns);
        output.WriteByte(LogBlockFormat.Version);
        output.WriteVarint((ulong)rows.Length);
        CompressedColumns.Write(_zstandard, _columns.WrittenSpan, output);
        _bodyTexts.Clear();
        _times.Clear();
        foreach (var row in rows)
        {
            _bodyTexts.Add(row.Body);
            _times.Add(row.TimeUnixNano);
        }
        var bodyBlock = _bodies.Encode(_bodyTexts, _times, miner);
        output.WriteVarint((ulong)bodyBlock.Length);
        output.Write(bodyBlock);
        var bloom = TrigramBloom.Build(_bodyTexts);
        output.WriteVarint((ulong)bloom.Length);
        output.Write(bloom);
    }

    public void Dispose()
    {
        _zstandard.Dispose();
        _bodies.Dispose();
    }

    private static void WriteColumns(ReadOnlySpan<LogRow> rows, ArrayBufferWriter<byte> output)
    {
        var previous = 0L;
        foreach (var row in rows)
        {
            output.WriteSignedVarint(unchecked(row.TimeUnixNano - previous));
            previous = row.TimeUnixNano;
        }
        foreach (var row in rows) output.WriteSignedVarint(unchecked(row.ObservedTimeUnixNano - row.TimeUnixNano));
        foreach (var row in rows) output.WriteByte(row.SeverityNumber);
        WriteSeverityTexts(rows, output);
        foreach (var row in rows) output.WriteVarint(row.Flags);
        WriteIds(rows, output, TraceId.Length, WriteTraceId);
        WriteIds(rows, output, SpanId.Length, WriteSpanId);
        WriteAttributes(rows, output);
    }

    private static void WriteSeverityTexts(ReadOnlySpan<LogRow> rows, ArrayBufferWriter<byte> output)
    {
        var dictionary = new StringDictionary();
        var indexes = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++) indexes[i] = dictionary.IndexOf(rows[i].SeverityText);
        dictionary.Write(output);
        foreach (var index in indexes) output.WriteVarint((ulong)index);
    }

    /// <summary>A presence bit per record, then the ids of the records that have one.</summary>
    private static void WriteIds(ReadOnlySpan<LogRow> rows, ArrayBufferWriter<byte> output, int idLength, IdWriter write)
    {
        var bitmapLength = (rows.Length + 7) / 8;
        var present = output.GetSpan(bitmapLength)[..bitmapLength];
        present.Clear();
        Span<byte> id = stackalloc byte[idLength];
        for (var i = 0; i < rows.Length; i++)
            if (write(rows[i], id)) present[i >> 3] |= (byte)(1 << (i & 7));
        output.Advance(bitmapLength);
        foreach (var row in rows)
            if (write(row, id)) output.Write(id);
    }

    private static bool WriteTraceId(in LogRow row, Span<byte> destination)
    {
        row.TraceId.Write(destination);
        return !row.TraceId.IsEmpty;
    }

    private static bool WriteSpanId(in LogRow row, Span<byte> destination)
    {
        row.SpanId.Write(destination);
        return !row.SpanId.IsEmpty;
    }

    /// <summary>One dictionary for names and values together; per record its pair count, then name and value indexes.</summary>
    private static void WriteAttributes(ReadOnlySpan<LogRow> rows, ArrayBufferWriter<byte> output)
    {
        var dictionary = new StringDictionary();
        var references = new List<int>();
        foreach (var row in rows)
        {
            references.Add(row.Attributes.Length);
            foreach (var attribute in row.Attributes)
            {
                references.Add(dictionary.IndexOf(attribute.Key));
                references.Add(dictionary.IndexOf(attribute.Value));
            }
        }
        dictionary.Write(output);
        foreach (var reference in references) output.WriteVarint((ulong)reference);
    }

    /// <summary>Writes the record's id into the span; false if it has none.</summary>
    private delegate bool IdWriter(in LogRow row, Span<byte> destination);
}
