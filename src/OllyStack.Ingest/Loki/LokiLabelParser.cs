using OllyStack.Core.Batches;

namespace OllyStack.Ingest.Loki;

/// <summary>
/// Parses a stream's label set as Loki clients send it in protobuf, <c>{job="api", level="error"}</c>: Prometheus
/// label-set syntax with double-quoted, backslash-escaped values (<see cref="LabelValueEscapes"/>), blanks around
/// tokens and an optional trailing comma. Each label is appended to the batch's attributes as a string value; a label
/// with an empty value is no label at all, as in Prometheus.
/// </summary>
internal static class LokiLabelParser
{
    /// <summary>Escaped values up to this long are unescaped on the stack and interned; longer ones go to the heap as they are.</summary>
    private const int MaxStackValue = 256;

    /// <summary>Appends the labels of <paramref name="text"/>; false with <paramref name="problem"/> set if it is not a label set.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, OtlpBatch batch, out string? problem)
    {
        var position = SkipBlanks(text, 0);
        if (position == text.Length || text[position] != (byte)'{')
            return Fail("a label set starts with '{'", position, out problem);
        position = SkipBlanks(text, position + 1);
        while (position < text.Length && text[position] != (byte)'}')
        {
            position = ReadLabel(text, position, batch, out problem);
            if (problem is not null) return false;
            position = SkipBlanks(text, position);
            if (position < text.Length && text[position] == (byte)',') position = SkipBlanks(text, position + 1);
            else if (position < text.Length && text[position] != (byte)'}') return Fail("expected ',' or '}' after a label", position, out problem);
        }
        if (position == text.Length) return Fail("the label set is not closed with '}'", position, out problem);
        position = SkipBlanks(text, position + 1);
        if (position != text.Length) return Fail("unexpected text after '}'", position, out problem);
        problem = null;
        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a Prometheus label name: [a-zA-Z_][a-zA-Z0-9_]*.</summary>
    public static bool IsLabelName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || char.IsAsciiDigit((char)name[0])) return false;
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit((char)c) && c != (byte)'_') return false;
        return true;
    }

    /// <summary>Reads <c>name="value"</c> at <paramref name="position"/>; returns the position after it.</summary>
    private static int ReadLabel(ReadOnlySpan<byte> text, int position, OtlpBatch batch, out string? problem)
    {
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit((char)text[position]) || text[position] == (byte)'_')) position++;
        var name = text[start..position];
        if (!IsLabelName(name)) return FailAt("expected a label name ([a-zA-Z_][a-zA-Z0-9_]*)", start, out problem);
        position = SkipBlanks(text, position);
        if (position == text.Length || text[position] != (byte)'=')
            return FailAt($"expected '=' after label name '{Text(name)}'", position, out problem);
        position = SkipBlanks(text, position + 1);
        if (position == text.Length || text[position] != (byte)'"')
            return FailAt($"the value of label '{Text(name)}' must be a double-quoted string", position, out problem);
        var end = ClosingQuote(text, position + 1);
        if (end < 0) return FailAt($"the value of label '{Text(name)}' is not closed with '\"'", position, out problem);
        if (!TryAddLabel(name, text[(position + 1)..end], batch, out problem))
            return FailAt($"the value of label '{Text(name)}' has {problem}", position, out problem);
        return end + 1;
    }

    private static bool TryAddLabel(ReadOnlySpan<byte> name, ReadOnlySpan<byte> quoted, OtlpBatch batch, out string? problem)
    {
        problem = null;
        // The name first, then the value, as the JSON decoder stores them: both encodings fill the heap alike.
        var strings = batch.Strings;
        var key = strings.Intern(name);
        if (quoted.IsEmpty) return true;
        Utf8Ref value;
        if (!quoted.Contains((byte)'\\')) value = strings.Intern(quoted);
        else if (quoted.Length <= MaxStackValue)
        {
            Span<byte> scratch = stackalloc byte[MaxStackValue];
            var length = LabelValueEscapes.Decode(quoted, scratch, out problem);
            if (length < 0) return false;
            value = strings.Intern(scratch[..length]);
        }
        else
        {
            var length = LabelValueEscapes.Decode(quoted, strings.Reserve(quoted.Length, out var reserved), out problem);
            if (length < 0) return false;
            value = strings.Shrink(reserved, length);
        }
        if (!value.IsEmpty) batch.Attributes.Add(new KeyValueRef(key, AnyValue.OfString(value)));
        return true;
    }

    /// <summary>The index of the quote that closes a value starting at <paramref name="position"/>, or -1; a value stays on one line.</summary>
    private static int ClosingQuote(ReadOnlySpan<byte> text, int position)
    {
        for (; position < text.Length; position++)
        {
            var c = text[position];
            if (c == (byte)'"') return position;
            if (c == (byte)'\n') return -1;
            if (c == (byte)'\\') position++;
        }
        return -1;
    }

    private static int SkipBlanks(ReadOnlySpan<byte> text, int position)
    {
        while (position < text.Length && text[position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') position++;
        return position;
    }

    private static string Text(ReadOnlySpan<byte> utf8) => System.Text.Encoding.UTF8.GetString(utf8);

    private static bool Fail(string message, int position, out string? problem)
    {
        problem = $"{message} at byte {position}";
        return false;
    }

    private static int FailAt(string message, int position, out string? problem)
    {
        problem = $"{message} at byte {position}";
        return -1;
    }
}
