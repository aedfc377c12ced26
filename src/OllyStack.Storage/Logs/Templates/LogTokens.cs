namespace OllyStack.Storage.Logs.Templates;

/// <summary>
/// How a log body splits into the tokens templates are made of (runs of characters between whitespace), and each
/// token's shape: the token with every run of hexadecimal characters that holds a digit written as
/// <see cref="LogTemplate.Wildcard"/> (a month or weekday name is a wildcard as a whole). Numbers, addresses, ids, durations and sizes differ in value from body to body
/// but keep their shape ("blk_&lt;*&gt;", "&lt;*&gt;.&lt;*&gt;.&lt;*&gt;.&lt;*&gt;:&lt;*&gt;", "ambient=&lt;*&gt;"), which is what lets one
/// miner serve every kind of log without per-source masking rules.
/// </summary>
public static class LogTokens
{
    /// <summary>Appends the ranges of <paramref name="body"/>'s tokens to <paramref name="tokens"/>, in order.</summary>
    public static void Split(ReadOnlySpan<char> body, List<Range> tokens)
    {
        var start = -1;
        for (var i = 0; i < body.Length; i++)
        {
            if (char.IsWhiteSpace(body[i]))
            {
                if (start >= 0) tokens.Add(new Range(start, i));
                start = -1;
            }
            else if (start < 0)
            {
                start = i;
            }
        }
        if (start >= 0) tokens.Add(new Range(start, body.Length));
    }

    /// <summary>The names of months and weekdays, which dates in log bodies spell out ("Fri Jun 17 07:07:00 2005").</summary>
    private static readonly string[] CalendarNames =
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
    ];

    /// <summary>True for a token whose value is a variable, though its shape may be shared: one with a digit, or a month or weekday name.</summary>
    public static bool IsVariable(ReadOnlySpan<char> token) => token.IndexOfAnyInRange('0', '9') >= 0 || IsCalendarName(token);

    private static bool IsCalendarName(ReadOnlySpan<char> token)
    {
        if (token.Length != 3) return false;
        foreach (var name in CalendarNames)
            if (token.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>The token's shape as a string.</summary>
    public static string Shape(ReadOnlySpan<char> token)
    {
        if (IsCalendarName(token)) return LogTemplate.Wildcard;
        if (!IsVariable(token)) return token.ToString();
        var shape = new System.Text.StringBuilder(token.Length);
        for (var i = 0; i < token.Length;)
        {
            var run = VariableRunAt(token, i);
            if (run > 0)
            {
                shape.Append(LogTemplate.Wildcard);
                i += run;
            }
            else
            {
                shape.Append(token[i++]);
            }
        }
        return shape.ToString();
    }

    /// <summary>Whether <paramref name="token"/> has the shape <paramref name="shape"/>, without building the token's shape.</summary>
    public static bool HasShape(ReadOnlySpan<char> token, ReadOnlySpan<char> shape)
    {
        if (IsCalendarName(token)) return shape.SequenceEqual(LogTemplate.Wildcard);
        if (!IsVariable(token)) return token.SequenceEqual(shape);
        var at = 0;
        for (var i = 0; i < token.Length;)
        {
            var run = VariableRunAt(token, i);
            if (run > 0)
            {
                if (!shape[at..].StartsWith(LogTemplate.Wildcard)) return false;
                at += LogTemplate.Wildcard.Length;
                i += run;
            }
            else
            {
                if (at >= shape.Length || shape[at] != token[i]) return false;
                at++;
                i++;
            }
        }
        return at == shape.Length;
    }

    /// <summary>Appends the digit-holding runs of a token, in order: what the wildcards inside its shape stand for.</summary>
    public static void AddVariableRuns(ReadOnlySpan<char> token, List<string> variables)
    {
        for (var i = 0; i < token.Length;)
        {
            var run = VariableRunAt(token, i);
            if (run == 0)
            {
                i++;
                continue;
            }
            variables.Add(token.Slice(i, run).ToString());
            i += run;
        }
    }

    /// <summary>The length of the run of hexadecimal characters from <paramref name="start"/> if it holds a digit, else 0.</summary>
    private static int VariableRunAt(ReadOnlySpan<char> token, int start)
    {
        // Only a run's first character starts it: a run is maximal.
        if (start > 0 && char.IsAsciiHexDigit(token[start - 1])) return 0;
        var end = start;
        var digit = false;
        while (end < token.Length && char.IsAsciiHexDigit(token[end])) digit |= char.IsAsciiDigit(token[end++]);
        return digit ? end - start : 0;
    }
}
