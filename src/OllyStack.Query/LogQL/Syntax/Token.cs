using OllyStack.Query.PromQL;

namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// A lexed token: where it starts in the query, how long it is, the text as written and its value (the unescaped
/// content of a string, the reason of an error token, otherwise the text).
/// </summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, string Text, string Value)
{
    public int End => Start + Length;

    public bool IsWord(string word) => Kind == TokenKind.Identifier && Text == word;

    /// <summary>How error messages name this token: <c>end of input</c>, <c>identifier "foo"</c>, <c>"]"</c>.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "end of input",
        TokenKind.Identifier => "identifier " + StringQuoting.Quote(Text),
        TokenKind.Number => "number " + StringQuoting.Quote(Text),
        TokenKind.Duration => "duration " + StringQuoting.Quote(Text),
        TokenKind.Bytes => "bytes " + StringQuoting.Quote(Text),
        TokenKind.String => "string " + (Text.Length <= 24 ? Text : Text[..24] + "..."),
        _ => StringQuoting.Quote(Text),
    };
}
