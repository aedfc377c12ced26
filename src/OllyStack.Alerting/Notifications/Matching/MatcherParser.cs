using System.Text;

namespace OllyStack.Alerting.Notifications.Matching;

/// <summary>
/// Reads Alertmanager's matcher syntax, as route <c>matchers</c>, inhibition rules, silences' <c>filter</c> and amtool
/// write it: one or more <c>name op value</c> separated by commas, optionally inside braces (<c>{a="b", c=~"d|e"}</c>).
/// Names are label names or double-quoted strings; values are double-quoted (Go escapes) or bare text up to the next
/// comma or closing brace, trimmed.
/// </summary>
public static class MatcherParser
{
    /// <exception cref="FormatException">Names the position and what was expected.</exception>
    public static IReadOnlyList<Matcher> Parse(string text)
    {
        var reader = new Reader(text);
        reader.SkipSpaces();
        var braced = reader.TryTake('{');
        var matchers = new List<Matcher>();
        while (true)
        {
            reader.SkipSpaces();
            if (braced && reader.TryTake('}')) break;
            if (reader.AtEnd)
            {
                if (braced) throw reader.Error("missing closing '}'");
                break;
            }
            matchers.Add(ParseOne(ref reader, braced));
            reader.SkipSpaces();
            if (reader.TryTake(',')) continue;
            if (braced && reader.TryTake('}')) break;
            if (!reader.AtEnd) throw reader.Error($"expected ',' {(braced ? "or '}' " : "")}after {matchers[^1]}");
        }
        reader.SkipSpaces();
        if (!reader.AtEnd) throw reader.Error("unexpected text after the matchers");
        if (matchers.Count == 0) throw reader.Error("no matcher");
        return matchers;
    }

    private static Matcher ParseOne(ref Reader reader, bool braced)
    {
        var name = reader.Peek == '"' ? reader.QuotedString() : reader.LabelName();
        reader.SkipSpaces();
        var type = reader.Operator();
        reader.SkipSpaces();
        var value = reader.Peek == '"' ? reader.QuotedString() : reader.BareValue(braced);
        try
        {
            return Matcher.Create(name, type, value);
        }
        catch (ArgumentException e)
        {
            throw reader.Error(e.Message);
        }
    }

    private ref struct Reader(string text)
    {
        private int _position;

        public readonly bool AtEnd => _position >= text.Length;

        public readonly char Peek => AtEnd ? '\0' : text[_position];

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position])) _position++;
        }

        public bool TryTake(char c)
        {
            if (Peek != c) return false;
            _position++;
            return true;
        }

        public string LabelName()
        {
            var start = _position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '.' or ':')) _position++;
            if (_position == start) throw Error("expected a label name");
            return text[start.._position];
        }

        public MatcherType Operator()
        {
            if (TryTake('='))
                return TryTake('~') ? MatcherType.Regex : MatcherType.Equal;
            if (TryTake('!'))
            {
                if (TryTake('=')) return MatcherType.NotEqual;
                if (TryTake('~')) return MatcherType.NotRegex;
            }
            throw Error("expected one of =, !=, =~, !~");
        }

        public string BareValue(bool braced)
        {
            var start = _position;
            while (!AtEnd && text[_position] != ',' && !(braced && text[_position] == '}')) _position++;
            var value = text[start.._position].Trim();
            if (value.Contains('"')) throw Error($"unquoted value {value} holds a '\"'; quote the whole value");
            return value;
        }

        public string QuotedString()
        {
            var start = _position;
            _position++;
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error($"unterminated string starting at offset {start}");
                var c = text[_position++];
                if (c == '"') return value.ToString();
                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }
                if (AtEnd) throw Error("unterminated escape");
                var escaped = text[_position++];
                value.Append(escaped switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '\\' or '"' or '\'' => escaped,
                    _ => throw Error($"unknown escape \\{escaped}"),
                });
            }
        }

        public readonly FormatException Error(string reason) => new($"{reason} (at offset {_position} of {Matcher.Quote(text)})");
    }
}
