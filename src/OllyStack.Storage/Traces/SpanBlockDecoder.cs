using OllyStack.Core.Batches;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Traces;

/// <summary>
/// Reads a block <see cref="SpanBlockEncoder"/> wrote back into its spans. A block that does not add up throws
/// <see cref="InvalidDataException"/> (the part frame's checksum catches damage first). Reuse one decoder; not
/// thread-safe.
/// </summary>
public sealed class SpanBlockDecoder : IDisposable
{
    private ZstdSharp.Decompressor? _zstandard;

    public SpanRow[] Decode(ReadOnlySpan<byte> block)
    {
        if (block.IsEmpty || block[0] != SpanBlockFormat.Version) throw new InvalidDataException($"span block version {(block.IsEmpty ? "missing" : block[0])} is not {SpanBlockFormat.Version}");
        var rest = Varint.ReadBounded(block[1..], SpanBlockFormat.MaxSpans, "span count", out var count);
        rest = Varint.ReadBounded(rest, count, "trace count", out var traces);
        rest = CompressedColumns.Read(rest, SpanBlockFormat.MaxColumnsLength, "span block columns", ref _zstandard, out var columns);
        if (!rest.IsEmpty) throw new InvalidDataException($"{rest.Length} bytes left over after the span block's columns");
        return new ColumnReader(columns, count).Spans(traces);
    }

    public void Dispose() => _zstandard?.Dispose();

    /// <summary>Walks the plain columns in their order (docs/format/span-part.md, "Columns").</summary>
    private ref struct ColumnReader(ReadOnlySpan<byte> columns, int count)
    {
        private ReadOnlySpan<byte> _rest = columns;
        private string[] _dictionary = [];

        public SpanRow[] Spans(int traces)
        {
            var traceIds = TraceIds(traces);
            var spanIds = new SpanId[count];
            for (var i = 0; i < count; i++) spanIds[i] = SpanId.Read(Take(SpanId.Length));
            var parents = ParentIds();
            _rest = StringDictionary.Read(_rest, out _dictionary);
            var services = Texts("service");
            var names = Texts("span name");
            var kinds = Take(count).ToArray();
            var starts = new long[count];
            var previous = 0L;
            for (var i = 0; i < count; i++) starts[i] = previous = unchecked(previous + Signed());
            var durations = new long[count];
            for (var i = 0; i < count; i++) durations[i] = Signed();
            var flags = new uint[count];
            for (var i = 0; i < count; i++) flags[i] = (uint)Unsigned();
            var statusCodes = Take(count).ToArray();
            var statusMessages = Texts("status message");
            var attributes = new SpanAttribute[count][];
            for (var i = 0; i < count; i++) attributes[i] = Attributes();
            var events = new SpanEvent[count][];
            for (var i = 0; i < count; i++) events[i] = Events(starts[i]);
            var links = new SpanLink[count][];
            for (var i = 0; i < count; i++) links[i] = Links();
            var resources = Resources();
            var spans = new SpanRow[count];
            for (var i = 0; i < count; i++)
            {
                var scopeName = Text("scope name");
                var scopeVersion = Text("scope version");
                spans[i] = new SpanRow(traceIds[i], spanIds[i], parents[i], services[i], names[i], kinds[i], starts[i], durations[i], flags[i],
                    statusCodes[i], statusMessages[i], attributes[i], events[i], links[i], resources[i], scopeName, scopeVersion);
            }
            if (!_rest.IsEmpty) throw new InvalidDataException($"{_rest.Length} bytes left over after the span columns");
            return spans;
        }

        /// <summary>The trace id of each span, from the runs of (trace id, span count).</summary>
        private TraceId[] TraceIds(int traces)
        {
            var ids = new TraceId[count];
            var span = 0;
            for (var t = 0; t < traces; t++)
            {
                var id = TraceId.Read(Take(TraceId.Length));
                _rest = Varint.ReadBounded(_rest, count - span, "spans of a trace", out var spans);
                if (spans == 0) throw new InvalidDataException("a trace of a span block has no span");
                ids.AsSpan(span, spans).Fill(id);
                span += spans;
            }
            if (span != count) throw new InvalidDataException($"the traces of a span block hold {span} spans, not {count}");
            return ids;
        }

        private SpanId[] ParentIds()
        {
            var present = Take((count + 7) / 8).ToArray();
            var parents = new SpanId[count];
            for (var i = 0; i < count; i++)
                if ((present[i >> 3] & (1 << (i & 7))) != 0) parents[i] = SpanId.Read(Take(SpanId.Length));
            return parents;
        }

        private SpanEvent[] Events(long spanStart)
        {
            var events = new SpanEvent[Count("event count")];
            for (var e = 0; e < events.Length; e++)
            {
                var time = unchecked(spanStart + Signed());
                events[e] = new SpanEvent(time, Text("event name"), Attributes());
            }
            return events;
        }

        private SpanLink[] Links()
        {
            var links = new SpanLink[Count("link count")];
            for (var l = 0; l < links.Length; l++)
            {
                var traceId = TraceId.Read(Take(TraceId.Length));
                var spanId = SpanId.Read(Take(SpanId.Length));
                links[l] = new SpanLink(traceId, spanId, Attributes());
            }
            return links;
        }

        /// <summary>Each span's resource attributes; spans of one resource share one array.</summary>
        private SpanAttribute[][] Resources()
        {
            var distinct = new SpanAttribute[Count("resource count")][];
            for (var r = 0; r < distinct.Length; r++) distinct[r] = Attributes();
            if (distinct.Length == 0 && count > 0) throw new InvalidDataException("a span block with spans has no resource");
            var resources = new SpanAttribute[count][];
            for (var i = 0; i < count; i++)
            {
                _rest = Varint.ReadBounded(_rest, distinct.Length - 1, "resource index", out var index);
                resources[i] = distinct[index];
            }
            return resources;
        }

        private SpanAttribute[] Attributes()
        {
            var attributes = new SpanAttribute[Count("attribute count")];
            for (var a = 0; a < attributes.Length; a++)
            {
                var key = Text("attribute key");
                var kind = (AnyValueKind)Take(1)[0];
                if (kind > AnyValueKind.KeyValueList) throw new InvalidDataException($"attribute value kind {(byte)kind} is unknown");
                attributes[a] = new SpanAttribute(key, kind, Text("attribute value"));
            }
            return attributes;
        }

        private string[] Texts(string what)
        {
            var texts = new string[count];
            for (var i = 0; i < count; i++) texts[i] = Text(what);
            return texts;
        }

        private string Text(string what)
        {
            _rest = StringDictionary.ReadEntry(_rest, _dictionary, what, out var text);
            return text;
        }

        /// <summary>A count of items that each take at least one byte, so a damaged count cannot make a huge array.</summary>
        private int Count(string what)
        {
            _rest = Varint.ReadBounded(_rest, _rest.Length, what, out var value);
            return value;
        }

        private ulong Unsigned()
        {
            _rest = Varint.Read(_rest, out var value);
            return value;
        }

        private long Signed()
        {
            _rest = Varint.ReadSigned(_rest, out var value);
            return value;
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            if (_rest.Length < length) throw new InvalidDataException("span columns end early");
            var taken = _rest[..length];
            _rest = _rest[length..];
            return taken;
        }
    }
}
