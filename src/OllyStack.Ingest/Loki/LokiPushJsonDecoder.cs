using System.Globalization;
using System.Text.Json;
using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Loki;

/// <summary>
/// Decodes a Loki push in JSON, <c>{"streams":[{"stream":{"job":"x"},"values":[["&lt;unix ns&gt;","line",{metadata}?]]}]}</c>,
/// into a <see cref="LogBatch"/> with the same layout as <see cref="LokiPushProtobufDecoder"/>. Read with a forward-only
/// reader, so nothing is allocated per entry; anything invalid fails the whole request with the path of the bad value.
/// </summary>
public static class LokiPushJsonDecoder
{
    /// <summary>Escaped labels and metadata up to this long are unescaped on the stack and interned.</summary>
    private const int MaxStackString = 256;

    /// <summary>Appends every entry; <paramref name="observedUnixNano"/> is when the request arrived.</summary>
    public static void Decode(ReadOnlySpan<byte> json, LogBatch batch, long observedUnixNano)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            ReadRequest(ref reader, batch, observedUnixNano);
        }
        catch (JsonException e)
        {
            throw JsonSyntaxErrors.Malformed(json, e);
        }
    }

    private static void ReadRequest(ref Utf8JsonReader reader, LogBatch batch, long observedUnixNano)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) throw Malformed("the body", Expected("an object", reader.TokenType));
        var scope = batch.Scopes.Add(default);
        while (NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals("streams"u8))
            {
                SkipValue(ref reader);
                continue;
            }
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null) continue;
            if (reader.TokenType != JsonTokenType.StartArray) throw Malformed("streams", Expected("an array", reader.TokenType));
            for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
                ReadStream(ref reader, index, scope, batch, observedUnixNano);
        }
        // Reading past the root object fails on anything but the end of the body.
        reader.Read();
    }

    private static void ReadStream(ref Utf8JsonReader reader, int index, int scope, LogBatch batch, long observedUnixNano)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Malformed($"streams[{index}]", Expected("an object", reader.TokenType));
        var labelStart = batch.Attributes.Count;
        var values = default(Utf8JsonReader);
        var hasValues = false;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                ReadLabels(ref reader, index, batch);
            }
            else if (reader.ValueTextEquals("values"u8))
            {
                // The labels may come after the values; a copy of the reader reads the values once the stream is known.
                reader.Read();
                values = reader;
                hasValues = reader.TokenType != JsonTokenType.Null;
                reader.Skip();
            }
            else SkipValue(ref reader);
        }
        if (!LokiStream.TryOpen(batch, labelStart, scope, out var stream, out var problem)) throw Malformed($"streams[{index}].stream", problem!);
        if (hasValues) ReadValues(ref values, index, stream, batch, observedUnixNano);
    }

    private static void ReadLabels(ref Utf8JsonReader reader, int index, LogBatch batch)
    {
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartObject) throw Malformed($"streams[{index}].stream", Expected("an object of label names and values", reader.TokenType));
        while (NextProperty(ref reader))
        {
            var name = Store(ref reader, batch.Strings, intern: true);
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
                throw Malformed($"streams[{index}].stream.{batch.GetString(name)}", Expected("a string", reader.TokenType));
            var value = Store(ref reader, batch.Strings, intern: true);
            // As in Prometheus, a label with an empty value is no label at all.
            if (!value.IsEmpty) batch.Attributes.Add(new KeyValueRef(name, AnyValue.OfString(value)));
        }
    }

    private static void ReadValues(ref Utf8JsonReader reader, int index, in LokiStream stream, LogBatch batch, long observedUnixNano)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw Malformed($"streams[{index}].values", Expected("an array", reader.TokenType));
        for (var entry = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; entry++)
            ReadEntry(ref reader, index, entry, stream, batch, observedUnixNano);
    }

    /// <summary>Reads <c>["&lt;unix ns&gt;", "line"]</c> or <c>["&lt;unix ns&gt;", "line", {"name": "value", ...}]</c>.</summary>
    private static void ReadEntry(ref Utf8JsonReader reader, int index, int entry, in LokiStream stream, LogBatch batch, long observedUnixNano)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw Malformed($"streams[{index}].values[{entry}]", Expected("an array [timestamp, line] or [timestamp, line, structured metadata]", reader.TokenType));
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
            throw Malformed($"streams[{index}].values[{entry}][0]", Expected("a string of Unix epoch nanoseconds", reader.TokenType));
        var time = ReadNanoseconds(ref reader, index, entry);
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
            throw Malformed($"streams[{index}].values[{entry}][1]", Expected("the log line as a string", reader.TokenType));
        var line = Store(ref reader, batch.Strings, intern: false);
        var metadataStart = batch.Attributes.Count;
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            ReadMetadata(ref reader, index, entry, batch);
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndArray)
                throw Malformed($"streams[{index}].values[{entry}]", "an entry has at most three elements: timestamp, line and structured metadata");
        }
        LokiEntries.Append(batch, stream, time, observedUnixNano, line, metadataStart);
    }

    /// <summary>A timestamp: decimal digits only, nanoseconds since the epoch that fit in 64 bits (1970 to 2262).</summary>
    private static long ReadNanoseconds(ref Utf8JsonReader reader, int index, int entry)
    {
        Span<byte> digits = stackalloc byte[32];
        if (reader.ValueSpan.Length <= digits.Length
            && long.TryParse(digits[..reader.CopyString(digits)], NumberStyles.None, CultureInfo.InvariantCulture, out var nanoseconds))
            return nanoseconds;
        throw Malformed($"streams[{index}].values[{entry}][0]",
            $"\"{reader.GetString()}\" is not Unix epoch nanoseconds (decimal digits, at most {long.MaxValue})");
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, int index, int entry, LogBatch batch)
    {
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Malformed($"streams[{index}].values[{entry}][2]", Expected("an object of structured metadata", reader.TokenType));
        while (NextProperty(ref reader))
        {
            var name = Store(ref reader, batch.Strings, intern: true);
            if (name.IsEmpty) throw Malformed($"streams[{index}].values[{entry}][2]", "structured metadata has an empty name");
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
                throw Malformed($"streams[{index}].values[{entry}][2].{batch.GetString(name)}", Expected("a string", reader.TokenType));
            batch.Attributes.Add(new KeyValueRef(name, AnyValue.OfString(Store(ref reader, batch.Strings, intern: true))));
        }
    }

    /// <summary>
    /// The current string or property name, unescaped, in the batch's heap: interned if <paramref name="intern"/> and
    /// short (labels, metadata), added as it is otherwise (log lines: mostly unique, not worth looking up).
    /// </summary>
    private static Utf8Ref Store(ref Utf8JsonReader reader, Utf8Heap strings, bool intern)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped) return intern ? strings.Intern(raw) : strings.Add(raw);
        if (intern && raw.Length <= MaxStackString)
        {
            Span<byte> scratch = stackalloc byte[MaxStackString];
            return strings.Intern(scratch[..reader.CopyString(scratch)]);
        }
        // Unescaping never lengthens the text, so the escaped length is room enough.
        var destination = strings.Reserve(raw.Length, out var reserved);
        return strings.Shrink(reserved, reader.CopyString(destination));
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Skips the value of the property the reader is on, whatever its shape.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static string Expected(string expected, JsonTokenType found) => $"expected {expected}, found {Describe(found)}";

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.EndArray => "the end of the array",
        _ => token.ToString(),
    };

    private static MalformedPayloadException Malformed(string path, string problem) => new($"invalid Loki push JSON at {path}: {problem}");
}
