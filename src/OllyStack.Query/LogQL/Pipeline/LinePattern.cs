namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// A <c>pattern</c> expression: literal text and captures, <c>&lt;name&gt;</c> or the unnamed <c>&lt;_&gt;</c>. Matching
/// starts at the line's start (a leading literal must be a prefix); each capture takes the text up to the next
/// occurrence of the literal after it, the last capture the rest of the line. Two captures may not touch, since
/// nothing would say where one ends.
/// </summary>
internal sealed class LinePattern
{
    private readonly string[] literals;
    private readonly string?[] captures;

    /// <summary>Parts alternate literal, capture, literal ...: <c>literals[i]</c> comes before <c>captures[i]</c>; the last literal ends the pattern (either may be empty).</summary>
    private LinePattern(string[] literals, string?[] captures)
    {
        this.literals = literals;
        this.captures = captures;
    }

    /// <summary>The named captures, in order.</summary>
    public IEnumerable<string> Names => captures.OfType<string>();

    /// <exception cref="FormatException">Two captures touch, a name repeats, or there is no capture at all.</exception>
    public static LinePattern Parse(string pattern)
    {
        var literals = new List<string>();
        var captures = new List<string?>();
        var literal = new System.Text.StringBuilder();
        var position = 0;
        while (position < pattern.Length)
        {
            if (TryReadCapture(pattern, position, out var name, out var end))
            {
                if (literal.Length == 0 && captures.Count > 0) throw new FormatException("consecutive captures are not allowed; put literal text between them");
                if (name is not null && captures.Contains(name)) throw new FormatException($"duplicate capture name <{name}>");
                literals.Add(literal.ToString());
                literal.Clear();
                captures.Add(name);
                position = end;
            }
            else literal.Append(pattern[position++]);
        }
        literals.Add(literal.ToString());
        if (captures.Count == 0) throw new FormatException("at least one capture is required, such as <name> or <_>");
        return new LinePattern([.. literals], [.. captures]);
    }

    /// <summary>As <see cref="Parse"/>, and at least one capture must be named, as the <c>pattern</c> parser needs.</summary>
    public static LinePattern ParseWithCaptures(string pattern)
    {
        var parsed = Parse(pattern);
        if (!parsed.Names.Any()) throw new FormatException("at least one named capture is required, such as <name>");
        return parsed;
    }

    /// <summary>
    /// Matches <paramref name="line"/>, calling <paramref name="onCapture"/> for each named capture; false (with no
    /// calls) when it does not match. With <paramref name="whole"/> the pattern's last literal must end the line.
    /// </summary>
    public bool Match<TState>(string line, bool whole, TState state, Action<TState, string, string>? onCapture)
    {
        Span<(int Start, int Length)> spans = captures.Length <= 32 ? stackalloc (int, int)[captures.Length] : new (int, int)[captures.Length];
        if (!line.StartsWith(literals[0], StringComparison.Ordinal)) return false;
        var position = literals[0].Length;
        for (var i = 0; i < captures.Length; i++)
        {
            var next = literals[i + 1];
            var isLast = i == captures.Length - 1;
            int end;
            if (next.Length == 0) end = line.Length;
            else if (isLast && whole) end = line.EndsWith(next, StringComparison.Ordinal) && line.Length - next.Length >= position ? line.Length - next.Length : -1;
            else end = line.IndexOf(next, position, StringComparison.Ordinal);
            if (end < 0) return false;
            spans[i] = (position, end - position);
            position = end + next.Length;
        }
        if (whole && position != line.Length) return false;
        if (onCapture is null) return true;
        for (var i = 0; i < captures.Length; i++)
            if (captures[i] is { } name) onCapture(state, name, line.Substring(spans[i].Start, spans[i].Length));
        return true;
    }

    /// <summary><c>&lt;name&gt;</c> (name is a label name) or <c>&lt;_&gt;</c> at <paramref name="position"/>; anything else is literal text.</summary>
    private static bool TryReadCapture(string pattern, int position, out string? name, out int end)
    {
        name = null;
        end = position;
        if (pattern[position] != '<') return false;
        var close = pattern.IndexOf('>', position + 1);
        if (close < 0) return false;
        var text = pattern.AsSpan(position + 1, close - position - 1);
        if (text.IsEmpty || !(char.IsAsciiLetter(text[0]) || text[0] == '_')) return false;
        foreach (var c in text)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        name = text is "_" ? null : text.ToString();
        end = close + 1;
        return true;
    }
}
