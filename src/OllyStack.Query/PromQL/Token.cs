namespace OllyStack.Query.PromQL;

/// <summary>
/// A lexed token: where it starts in the query, how long it is, the text as written and its value — the unescaped
/// content of a string literal, the reason of an error token, otherwise the text.
/// </summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, string Text, string Value)
{
    public int End => Start + Length;

    /// <summary>How error messages name this token: <c>end of input</c>, <c>identifier "foo"</c>, <c>"]"</c>.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "end of input",
        TokenKind.Identifier => "identifier " + StringQuoting.Quote(Text),
        TokenKind.MetricIdentifier => "metric identifier " + StringQuoting.Quote(Text),
        TokenKind.Number => "number " + StringQuoting.Quote(Text),
        TokenKind.Duration => "duration " + StringQuoting.Quote(Text),
        TokenKind.String => "string " + Abbreviate(Text),
        TokenKind.Aggregator => "aggregation keyword " + StringQuoting.Quote(Text),
        >= TokenKind.Offset and <= TokenKind.End => "keyword " + StringQuoting.Quote(Text),
        _ => StringQuoting.Quote(Text),
    };

    private static string Abbreviate(string text) => text.Length <= 24 ? text : text[..24] + "...";
}
