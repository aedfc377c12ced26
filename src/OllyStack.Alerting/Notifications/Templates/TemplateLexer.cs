using System.Globalization;
using System.Text;

namespace OllyStack.Alerting.Notifications.Templates;

/// <summary>A run of literal text, or one <c>{{ action }}</c> as tokens (Tokens is null for text).</summary>
internal sealed record TemplateSegment(string Text, IReadOnlyList<TemplateToken>? Tokens, int Line);

/// <summary>
/// Splits a Go-style template into text and actions: <c>{{</c> ... <c>}}</c>, with <c>{{- </c> and <c> -}}</c>
/// trimming the white space beside them and <c>{{/* comments */}}</c> dropped.
/// </summary>
internal static class TemplateLexer
{
    public static List<TemplateSegment> Split(string text)
    {
        var segments = new List<TemplateSegment>();
        var position = 0;
        var trimNextText = false;
        while (position <= text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            var literal = text[position..(open < 0 ? text.Length : open)];
            if (trimNextText) literal = literal.TrimStart();
            var trimBefore = open >= 0 && open + 3 < text.Length && text[open + 2] == '-' && char.IsWhiteSpace(text[open + 3]);
            if (trimBefore) literal = literal.TrimEnd();
            if (literal.Length > 0) segments.Add(new TemplateSegment(literal, null, LineAt(text, position)));
            if (open < 0) break;
            var line = LineAt(text, open);
            position = open + (trimBefore ? 3 : 2);
            var tokens = ReadAction(text, ref position, line, out trimNextText);
            if (tokens is not null) segments.Add(new TemplateSegment("", tokens, line));
        }
        return segments;
    }

    /// <summary>Tokens up to the closing <c>}}</c>; null for a comment.</summary>
    private static List<TemplateToken>? ReadAction(string text, ref int position, int line, out bool trimAfter)
    {
        var afterSpaces = SkipSpaces(text, position);
        if (string.CompareOrdinal(text, afterSpaces, "/*", 0, 2) == 0)
        {
            var end = text.IndexOf("*/", afterSpaces + 2, StringComparison.Ordinal);
            if (end < 0) throw new TemplateException($"line {line}: unclosed comment");
            position = SkipSpaces(text, end + 2);
            return Close(text, ref position, line, out trimAfter) ? null : throw new TemplateException($"line {line}: comment ends in the middle of an action");
        }
        var tokens = new List<TemplateToken>();
        while (true)
        {
            var start = position;
            position = SkipSpaces(text, position);
            if (Close(text, ref position, line, out trimAfter)) return tokens;
            if (position >= text.Length) throw new TemplateException($"line {line}: unclosed action");
            tokens.Add(ReadToken(text, ref position, line, spaced: position > start));
        }
    }

    private static bool Close(string text, ref int position, int line, out bool trimAfter)
    {
        trimAfter = false;
        if (string.CompareOrdinal(text, position, "}}", 0, 2) == 0)
        {
            position += 2;
            return true;
        }
        if (string.CompareOrdinal(text, position, "-}}", 0, 3) == 0 && position > 0 && char.IsWhiteSpace(text[position - 1]))
        {
            position += 3;
            trimAfter = true;
            return true;
        }
        if (position >= text.Length) throw new TemplateException($"line {line}: unclosed action");
        return false;
    }

    private static TemplateToken ReadToken(string text, ref int position, int line, bool spaced)
    {
        var c = text[position];
        switch (c)
        {
            case '(': position++; return Simple(TemplateTokenKind.LeftParen, spaced);
            case ')': position++; return Simple(TemplateTokenKind.RightParen, spaced);
            case '|': position++; return Simple(TemplateTokenKind.Pipe, spaced);
            case ',': position++; return Simple(TemplateTokenKind.Comma, spaced);
            case '=': position++; return Simple(TemplateTokenKind.Assign, spaced);
            case ':' when position + 1 < text.Length && text[position + 1] == '=':
                position += 2;
                return Simple(TemplateTokenKind.Declare, spaced);
            case '"': return new TemplateToken(TemplateTokenKind.String, ReadQuoted(text, ref position, line), [], spaced);
            case '`':
            {
                var end = text.IndexOf('`', position + 1);
                if (end < 0) throw new TemplateException($"line {line}: unterminated raw string");
                var value = text[(position + 1)..end];
                position = end + 1;
                return new TemplateToken(TemplateTokenKind.String, value, [], spaced);
            }
            case '.':
                return new TemplateToken(TemplateTokenKind.Field, ".", ReadNames(text, ref position, line), spaced);
            case '$':
            {
                position++;
                var name = "$" + ReadWord(text, ref position);
                return new TemplateToken(TemplateTokenKind.Variable, name, ReadNames(text, ref position, line), spaced);
            }
        }
        if (char.IsAsciiDigit(c) || (c is '-' or '+' && position + 1 < text.Length && char.IsAsciiDigit(text[position + 1])))
        {
            var start = position++;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '.' or '_')) position++;
            return new TemplateToken(TemplateTokenKind.Number, text[start..position], [], spaced);
        }
        if (char.IsLetter(c) || c == '_')
            return new TemplateToken(TemplateTokenKind.Identifier, ReadWord(text, ref position), [], spaced);
        throw new TemplateException($"line {line}: unexpected {c.ToString(CultureInfo.InvariantCulture)} in action");
    }

    private static TemplateToken Simple(TemplateTokenKind kind, bool spaced) => new(kind, "", [], spaced);

    /// <summary>A chain of <c>.Name</c>; a lone <c>.</c> gives none.</summary>
    private static List<string> ReadNames(string text, ref int position, int line)
    {
        var names = new List<string>();
        while (position < text.Length && text[position] == '.')
        {
            var next = position + 1;
            if (next >= text.Length || !(char.IsLetterOrDigit(text[next]) || text[next] == '_'))
            {
                if (names.Count > 0) throw new TemplateException($"line {line}: a field name must follow '.'");
                position = next;
                return names;
            }
            position = next;
            names.Add(ReadWord(text, ref position));
        }
        return names;
    }

    private static string ReadWord(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_')) position++;
        return text[start..position];
    }

    private static string ReadQuoted(string text, ref int position, int line)
    {
        var value = new StringBuilder();
        position++;
        while (true)
        {
            if (position >= text.Length || text[position] == '\n') throw new TemplateException($"line {line}: unterminated string");
            var c = text[position++];
            if (c == '"') return value.ToString();
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (position >= text.Length) throw new TemplateException($"line {line}: unterminated string");
            var escaped = text[position++];
            value.Append(escaped switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '\\' or '"' or '\'' => escaped,
                _ => throw new TemplateException($"line {line}: unknown escape \\{escaped} in string"),
            });
        }
    }

    private static int SkipSpaces(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
        return position;
    }

    private static int LineAt(string text, int position)
    {
        var line = 1;
        for (var i = 0; i < position && i < text.Length; i++)
            if (text[i] == '\n') line++;
        return line;
    }
}
