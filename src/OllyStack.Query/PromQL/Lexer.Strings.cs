namespace OllyStack.Query.PromQL;

internal sealed partial class Lexer
{
    /// <summary>A quoted or raw string; see <see cref="QuotedStringLiteral"/> for the syntax.</summary>
    private void LexString()
    {
        var start = position;
        try
        {
            var value = QuotedStringLiteral.Read(input, start, out position);
            tokens.Add(new Token(TokenKind.String, start, position - start, input[start..position], value));
        }
        catch (StringLiteralException error)
        {
            throw Error(error.Start, error.Length, error.Reason);
        }
    }
}
