namespace OllyStack.Query.PromQL;

internal enum TokenKind
{
    EndOfInput,

    /// <summary>Input the lexer could not read; the token's value is the reason. Always the last token.</summary>
    Error,

    Identifier,

    /// <summary>A name containing a colon (<c>job:rate5m</c>): a metric name, never a function or label name.</summary>
    MetricIdentifier,
    Number,
    String,
    Duration,

    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    At,

    /// <summary><c>=</c>, the equality label matcher.</summary>
    Assign,
    EqualEqual,
    NotEqual,
    RegexMatch,
    RegexNotMatch,
    Greater,
    Less,
    GreaterOrEqual,
    LessOrEqual,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Caret,

    And,
    Or,
    Unless,
    Atan2,
    Offset,
    By,
    Without,
    On,
    Ignoring,
    GroupLeft,
    GroupRight,
    Bool,
    Start,
    End,

    /// <summary>One of the aggregation operators (<c>sum</c>, <c>topk</c>, ...); the token's text says which.</summary>
    Aggregator,
}
