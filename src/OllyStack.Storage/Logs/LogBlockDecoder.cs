using OllyStack.Core.Batches;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Logs;

/// <summary>
/// Reads a block <see cref="LogBlockEncoder"/> wrote back into its records. A block that does not add up throws
/// <see cref="InvalidDataException"/> (the part frame's checksum catches damage first). Reuse one decoder; not
/// thread-safe.
/// </summary>
public sealed class LogBlockDecoder : IDisposable
{
    private readonly LogBodyDecoder _bodies = new();
    private ZstdSharp.Decompressor? _zstandard;

    public LogRow[] Decode(ReadOnlySpan<byte> block)
    {
        if (block.IsEmpty || block[0] != LogBlockFormat.Version) throw new InvalidDataException($"log block version {(block.IsEmpty ? "missing" : block[0])} is not {LogBlockFormat.Version}");
        var rest = Varint.ReadBounded(block[1..], LogBlockFormat.MaxRows, "record count", out var count);
        rest = CompressedColumns.Read(rest, LogBlockFormat.MaxColumnsLength, "log block columns", ref _zstandard, out var columns);
        rest = Varint.ReadBounded(rest, rest.Length, "body block length", out var bodyLength);
        var bodies = _bodies.Decode(rest[..bodyLength]);
        if (bodies.Length != count) throw new InvalidDataException($"the body block holds {bodies.Length} bodies for {count} records");
        rest = Varint.ReadBounded(rest[bodyLength..], rest.Length, "filter length", out var filterLength);
        if (rest.Length != filterLength) throw new InvalidDataException("the block does not end with its filter");
        return ReadRows(columns, count, bodies);
    }

    /// <summary>The trigram filter at the end of a block, without decoding the rest.</summary>
    public static ReadOnlySpan<byte> FilterOf(ReadOnlySpan<byte> block)
    {
        var rest = Varint.Read(block[1..], out _);
        rest = rest[1..];
        rest = Varint.Read(rest, out _);
        rest = Varint.ReadBounded(rest, rest.Length, "columns length", out var columnsLength);
        rest = Varint.ReadBounded(rest[columnsLength..], rest.Length, "body block length", out var bodyLength);
        return Varint.ReadBounded(rest[bodyLength..], rest.Length, "filter length", out _);
    }

    public void Dispose()
    {
        _bodies.Dispose();
        _zstandard?.Dispose();
    }

    private static LogRow[] ReadRows(ReadOnlySpan<byte> columns, int count, string[] bodies)
    {
        var times = new long[count];
        var previous = 0L;
        for (var i = 0; i < count; i++)
        {
            columns = Varint.ReadSigned(columns, out var delta);
            times[i] = previous = unchecked(previous + delta);
        }
        var observed = new long[count];
        for (var i = 0; i < count; i++)
        {
            columns = Varint.ReadSigned(columns, out var offset);
            observed[i] = unchecked(times[i] + offset);
        }
        if (columns.Length < count) throw new InvalidDataException("severity numbers end early");
        var severities = columns[..count].ToArray();
        columns = ReadIndexedStrings(columns[count..], count, out var severityTexts);
        var flags = new uint[count];
        for (var i = 0; i < count; i++)
        {
            columns = Varint.Read(columns, out var flag);
            flags[i] = (uint)flag;
        }
        var traceIds = new TraceId[count];
        columns = ReadIds(columns, count, TraceId.Length, (i, id) => traceIds[i] = TraceId.Read(id));
        var spanIds = new SpanId[count];
        columns = ReadIds(columns, count, SpanId.Length, (i, id) => spanIds[i] = SpanId.Read(id));
        columns = ReadAttributes(columns, count, out var attributes);
        if (!columns.IsEmpty) throw new InvalidDataException($"{columns.Length} bytes left over after the columns");
        var rows = new LogRow[count];
        for (var i = 0; i < count; i++)
            rows[i] = new LogRow(times[i], observed[i], severities[i], severityTexts[i], bodies[i], attributes[i], traceIds[i], spanIds[i], flags[i]);
        return rows;
    }

    /// <summary>A dictionary, then one index into it per record.</summary>
    private static ReadOnlySpan<byte> ReadIndexedStrings(ReadOnlySpan<byte> source, int count, out string[] values)
    {
        var rest = StringDictionary.Read(source, out var dictionary);
        values = new string[count];
        for (var i = 0; i < count; i++)
        {
            rest = StringDictionary.ReadEntry(rest, dictionary, "dictionary index", out values[i]);
        }
        return rest;
    }

    /// <summary>The presence bitmap, then the ids of the records that have one, handed to <paramref name="take"/>.</summary>
    private static ReadOnlySpan<byte> ReadIds(ReadOnlySpan<byte> source, int count, int idLength, IdReader take)
    {
        var bitmapLength = (count + 7) / 8;
        if (source.Length < bitmapLength) throw new InvalidDataException("id presence bits end early");
        var present = source[..bitmapLength];
        var rest = source[bitmapLength..];
        for (var i = 0; i < count; i++)
        {
            if ((present[i >> 3] & (1 << (i & 7))) == 0) continue;
            if (rest.Length < idLength) throw new InvalidDataException("ids end early");
            take(i, rest[..idLength]);
            rest = rest[idLength..];
        }
        return rest;
    }

    private static ReadOnlySpan<byte> ReadAttributes(ReadOnlySpan<byte> source, int count, out KeyValuePair<string, string>[][] attributes)
    {
        var rest = StringDictionary.Read(source, out var dictionary);
        attributes = new KeyValuePair<string, string>[count][];
        for (var i = 0; i < count; i++)
        {
            rest = Varint.ReadBounded(rest, rest.Length, "attribute count", out var pairs);
            attributes[i] = pairs == 0 ? [] : new KeyValuePair<string, string>[pairs];
            for (var p = 0; p < pairs; p++)
            {
                rest = StringDictionary.ReadEntry(rest, dictionary, "attribute name", out var name);
                rest = StringDictionary.ReadEntry(rest, dictionary, "attribute value", out var value);
                attributes[i][p] = new(name, value);
            }
        }
        return rest;
    }

    private delegate void IdReader(int record, ReadOnlySpan<byte> id);
}
