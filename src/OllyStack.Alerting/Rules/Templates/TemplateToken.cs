namespace OllyStack.Alerting.Rules.Templates;

internal enum TemplateTokenKind
{
    Text,
    LeftDelim,
    RightDelim,
    Identifier,
    Keyword,
    Field,
    Variable,
    Dot,
    String,
    Number,
    Bool,
    Nil,
    Pipe,
    LeftParen,
    RightParen,
    Declare,
    Assign,
    Comma,
    EndOfInput,
}

/// <summary>
/// A lexed piece of a template: where it starts and ends, and its value — the text of a text run (after whitespace
/// trimming), the name of a field or variable (<c>instance</c>, <c>$labels</c>), the unquoted content of a string,
/// a number as <see cref="long"/> or <see cref="double"/>, a <see cref="bool"/>.
/// </summary>
internal readonly record struct TemplateToken(TemplateTokenKind Kind, int Start, int End, object? Value)
{
    public string Name => (string)Value!;

    public bool IsKeyword(string keyword) => Kind == TemplateTokenKind.Keyword && Name == keyword;

    /// <summary>How errors name the token: <c>"}}"</c>, <c>keyword "end"</c>, <c>end of template</c>.</summary>
    public string Describe(string template) => Kind switch
    {
        TemplateTokenKind.EndOfInput => "end of template",
        TemplateTokenKind.Keyword => $"keyword \"{Name}\"",
        _ => $"\"{template[Start..End]}\"",
    };
}
