using System.Buffers;
using System.Text;
using System.Text.Json;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// <c>| json</c>: every field of the line's JSON object becomes a label; nested objects are flattened with <c>_</c>
/// (<c>{"a":{"b":1}}</c> gives <c>a_b="1"</c>), arrays and nulls are skipped, numbers and booleans keep their JSON text,
/// and characters that cannot be in a label name become <c>_</c>. A line that is not a JSON object is marked
/// <c>JSONParserErr</c>. Names and short values come from a per-query pool, so repeated fields do not allocate.
/// </summary>
internal sealed class JsonParser : Stage
{
    private readonly StringPool pool = new();
    private byte[] bytes = new byte[4096];
    private char[] name = new char[256];
    private char[] value = new char[256];

    public override bool Process(LineContext context)
    {
        var length = Encode(context.Line);
        try
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(0, length), new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("the line is not a JSON object");
            ReadObject(ref reader, 0, context.Labels);
        }
        catch (JsonException e)
        {
            context.Labels.SetError(PipelineErrors.JsonParser, e.Message);
        }
        return true;
    }

    private int Encode(string line)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(line.Length);
        if (needed > bytes.Length) bytes = new byte[Math.Max(needed, bytes.Length * 2)];
        return Encoding.UTF8.GetBytes(line, bytes);
    }

    /// <summary>Reads the members of an object whose start was read; their names are prefixed by <c>name[..prefixLength]</c>.</summary>
    private void ReadObject(ref Utf8JsonReader reader, int prefixLength, LabelsBuilder labels)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameLength = AppendName(ref reader, prefixLength);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (nameLength >= name.Length) Array.Resize(ref name, name.Length * 2);
                    name[nameLength] = '_';
                    ReadObject(ref reader, nameLength + 1, labels);
                    break;
                case JsonTokenType.StartArray:
                    reader.Skip();
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    labels.SetParsed(pool.Get(name.AsSpan(0, nameLength)), ReadScalar(ref reader));
                    break;
            }
        }
    }

    /// <summary>Appends the property name, made a valid label name, after the prefix; returns the full length.</summary>
    private int AppendName(ref Utf8JsonReader reader, int prefixLength)
    {
        var most = prefixLength + reader.ValueSpan.Length + 1;
        if (reader.HasValueSequence || most > name.Length) Array.Resize(ref name, Math.Max(most + (int)(reader.HasValueSequence ? reader.ValueSequence.Length : 0), name.Length * 2));
        var length = prefixLength + reader.CopyString(name.AsSpan(prefixLength));
        for (var i = prefixLength; i < length; i++)
            if (!char.IsAsciiLetterOrDigit(name[i]) && name[i] != '_') name[i] = '_';
        if (prefixLength == 0 && length > 0 && char.IsAsciiDigit(name[0]))
        {
            Array.Copy(name, 0, name, 1, length);
            name[0] = '_';
            length++;
        }
        return length;
    }

    private string ReadScalar(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: return "true";
            case JsonTokenType.False: return "false";
            case JsonTokenType.Number:
                Span<char> digits = stackalloc char[64];
                var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
                if (raw.Length > digits.Length) return Encoding.ASCII.GetString(raw);
                var count = Encoding.ASCII.GetChars(raw, digits);
                return pool.Get(digits[..count]);
            default:
                var most = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
                if (most > value.Length) value = new char[Math.Max(most, value.Length * 2)];
                return pool.Get(value.AsSpan(0, reader.CopyString(value)));
        }
    }
}
