namespace OllyStack.Alerting.Notifications.Templates;

internal enum TemplateTokenKind
{
    /// <summary><c>.</c> alone, or a field chain <c>.A.B</c> (Names holds A, B).</summary>
    Field,
    /// <summary><c>$</c> or <c>$name</c>, with a field chain after it in Names.</summary>
    Variable,
    Identifier,
    String,
    Number,
    LeftParen,
    RightParen,
    Pipe,
    Declare,
    Assign,
    Comma,
}

/// <param name="Text">The identifier, string value, number or variable name.</param>
/// <param name="Names">The field chain that follows, if any.</param>
/// <param name="Spaced">Whether white space came before it: <c>(x).A</c> reads A from x, <c>(x) .A</c> is two operands.</param>
internal sealed record TemplateToken(TemplateTokenKind Kind, string Text, IReadOnlyList<string> Names, bool Spaced);
