using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Loki;

/// <summary>
/// Decodes a Loki <c>logproto.PushRequest</c> (already snappy-decompressed) into a <see cref="LogBatch"/>: one resource
/// per stream, one record per entry. Loki push has no partial success, so anything invalid fails the whole request.
/// </summary>
public static class LokiPushProtobufDecoder
{
    // PushRequest: 1 streams (StreamAdapter). StreamAdapter: 1 labels, 2 entries (EntryAdapter), 3 hash.
    // EntryAdapter: 1 timestamp (google.protobuf.Timestamp), 2 line, 3 structuredMetadata (LabelPairAdapter: 1 name, 2 value).

    /// <summary>Appends every entry; <paramref name="observedUnixNano"/> is when the request arrived.</summary>
    public static void Decode(ReadOnlySpan<byte> request, LogBatch batch, long observedUnixNano)
    {
        const int capacity = PreviousFields<KeyValueRef>.Capacity;
        var previous = new PreviousFields<KeyValueRef>(request, stackalloc int[capacity], stackalloc int[capacity], stackalloc KeyValueRef[capacity]);
        var scope = batch.Scopes.Add(default);
        var reader = new ProtoReader(request, "PushRequest");
        var index = 0;
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1)
            {
                reader.Expect(wire, WireType.LengthDelimited, "streams");
                ReadStream(reader.ReadBytes(), index++, scope, batch, observedUnixNano, ref previous);
            }
            else reader.Skip(wire);
        }
    }

    private static void ReadStream(ReadOnlySpan<byte> data, int index, int scope, LogBatch batch, long observedUnixNano, ref PreviousFields<KeyValueRef> previous)
    {
        // The labels may follow the entries on the wire; the entries need the stream's resource first.
        ReadOnlySpan<byte> labels = default;
        var scan = new ProtoReader(data, "StreamAdapter");
        while (scan.Next(out var field, out var wire))
        {
            if (field == 1) { scan.Expect(wire, WireType.LengthDelimited, "labels"); labels = scan.ReadBytes(); }
            else scan.Skip(wire);
        }
        var stream = OpenStream(labels, index, scope, batch);
        var reader = new ProtoReader(data, "StreamAdapter");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 2)
            {
                reader.Expect(wire, WireType.LengthDelimited, "entries");
                ReadEntry(reader.ReadBytes(), stream, batch, observedUnixNano, ref previous);
            }
            else reader.Skip(wire);
        }
    }

    private static LokiStream OpenStream(ReadOnlySpan<byte> labels, int index, int scope, LogBatch batch)
    {
        var start = batch.Attributes.Count;
        if (LokiLabelParser.TryParse(labels, batch, out var problem) && LokiStream.TryOpen(batch, start, scope, out var stream, out problem))
            return stream;
        throw new MalformedPayloadException($"invalid Loki push: stream {index} has labels {Excerpt(labels)}: {problem}");
    }

    private static void ReadEntry(ReadOnlySpan<byte> data, in LokiStream stream, LogBatch batch, long observedUnixNano, ref PreviousFields<KeyValueRef> previous)
    {
        var metadataStart = batch.Attributes.Count;
        long time = 0;
        var line = Utf8Ref.Empty;
        var position = 0;
        var reader = new ProtoReader(data, "EntryAdapter");
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.Expect(wire, WireType.LengthDelimited, "timestamp"); time = ReadTimestamp(reader.ReadBytes()); break;
                case 2: reader.Expect(wire, WireType.LengthDelimited, "line"); line = batch.Strings.Add(reader.ReadBytes()); break;
                case 3: reader.Expect(wire, WireType.LengthDelimited, "structuredMetadata"); ReadMetadata(reader.ReadBytes(), position++, batch, ref previous); break;
                default: reader.Skip(wire); break;
            }
        }
        LokiEntries.Append(batch, stream, time, observedUnixNano, line, metadataStart);
    }

    /// <summary>
    /// A google.protobuf.Timestamp as nanoseconds since the epoch. An absent timestamp reads as 0, which OpenTelemetry
    /// takes as "unknown"; one outside what 64-bit nanoseconds hold (1970 to 2262) is refused.
    /// </summary>
    private static long ReadTimestamp(ReadOnlySpan<byte> data)
    {
        long seconds = 0, nanos = 0;
        var reader = new ProtoReader(data, "Timestamp");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1) { reader.Expect(wire, WireType.Varint, "seconds"); seconds = reader.ReadInt64(); }
            else if (field == 2) { reader.Expect(wire, WireType.Varint, "nanos"); nanos = reader.ReadInt64(); }
            else reader.Skip(wire);
        }
        if (nanos is < 0 or > 999_999_999) throw reader.Malformed($"nanos {nanos} is outside 0-999999999");
        if (seconds < 0 || seconds > (long.MaxValue - nanos) / 1_000_000_000)
            throw reader.Malformed($"seconds {seconds} is outside 1970-2262, the range of 64-bit Unix nanoseconds");
        return seconds * 1_000_000_000 + nanos;
    }

    private static void ReadMetadata(ReadOnlySpan<byte> data, int position, LogBatch batch, ref PreviousFields<KeyValueRef> previous)
    {
        if (!previous.TryReuse(position, data, out var metadata))
        {
            metadata = ReadLabelPair(data, batch);
            previous.Remember(position, data, metadata);
        }
        batch.Attributes.Add(metadata);
    }

    private static KeyValueRef ReadLabelPair(ReadOnlySpan<byte> data, LogBatch batch)
    {
        ReadOnlySpan<byte> name = default, value = default;
        var reader = new ProtoReader(data, "LabelPairAdapter");
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1) { reader.Expect(wire, WireType.LengthDelimited, "name"); name = reader.ReadBytes(); }
            else if (field == 2) { reader.Expect(wire, WireType.LengthDelimited, "value"); value = reader.ReadBytes(); }
            else reader.Skip(wire);
        }
        if (name.IsEmpty) throw reader.Malformed("structured metadata has an empty name");
        return new KeyValueRef(batch.Strings.Intern(name), AnyValue.OfString(batch.Strings.Intern(value)));
    }

    /// <summary>The labels text for an error message, cut short if long.</summary>
    private static string Excerpt(ReadOnlySpan<byte> labels)
    {
        const int MaxLength = 80;
        var text = System.Text.Encoding.UTF8.GetString(labels[..Math.Min(labels.Length, MaxLength)]);
        return labels.Length <= MaxLength ? $"'{text}'" : $"'{text}...'";
    }
}
