namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// LogQL's tokens. Words are all <see cref="Identifier"/>: LogQL's keywords (<c>json</c>, <c>by</c>, <c>or</c>, ...)
/// depend on where they stand, so the parser decides what a word means.
/// </summary>
internal enum TokenKind
{
    EndOfInput,

    /// <summary>Input the lexer could not read; the token's value is the reason. Always the last token.</summary>
    Error,

    Identifier,
    String,
    Number,

    /// <summary>Go's duration syntax (<c>1.5s</c>, <c>1h30m</c>, <c>250ms</c>) or Prometheus' days, weeks and years.</summary>
    Duration,

    /// <summary>A size with a unit (<c>20MB</c>, <c>1KiB</c>, <c>5b</c>).</summary>
    Bytes,

    LeftBrace,
    RightBrace,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,

    /// <summary><c>=</c>: the equality matcher, and <c>name=source</c> in <c>label_format</c> and parser parameters.</summary>
    Assign,
    EqualEqual,
    NotEqual,
    RegexMatch,
    RegexNotMatch,
    PipeExact,
    PipeMatch,
    PipePattern,
    NotPattern,
    Pipe,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Caret,
}
