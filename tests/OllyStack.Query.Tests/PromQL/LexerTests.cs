using OllyStack.Query.PromQL;

namespace OllyStack.Query.Tests.PromQL;

public sealed class LexerTests
{
    [Fact]
    public void CompoundDurationIsOneToken()
    {
        Assert.Equal([(TokenKind.Duration, "1h30m"), (TokenKind.EndOfInput, "")], Lex("1h30m"));
    }

    [Fact]
    public void ColonSeparatesRangeAndStepInsideBrackets()
    {
        Assert.Equal(
            [TokenKind.Identifier, TokenKind.LeftBracket, TokenKind.Duration, TokenKind.Colon, TokenKind.Duration, TokenKind.RightBracket, TokenKind.EndOfInput],
            Lex("foo[5m:1m]").Select(t => t.Kind));
    }

    [Fact]
    public void ColonIsPartOfANameOutsideBrackets()
    {
        Assert.Equal((TokenKind.MetricIdentifier, "job:rate:5m"), Lex("job:rate:5m")[0]);
    }

    [Fact]
    public void KeywordsAreCaseInsensitiveOutsideBracesAndPlainNamesInside()
    {
        Assert.Equal(
            [TokenKind.By, TokenKind.LeftBrace, TokenKind.Identifier, TokenKind.Assign, TokenKind.String, TokenKind.RightBrace, TokenKind.EndOfInput],
            Lex("BY{by=\"x\"}").Select(t => t.Kind));
    }

    [Fact]
    public void InfAndNaNAreNumbersInAnyCase()
    {
        Assert.Equal([TokenKind.Number, TokenKind.Number, TokenKind.Identifier, TokenKind.EndOfInput], Lex("iNF nan NaN1").Select(t => t.Kind));
    }

    [Fact]
    public void StringTokenCarriesTheUnescapedValue()
    {
        var token = Lexer.Tokenize("'it\\'s \\u00e9'")[0];

        Assert.Equal((TokenKind.String, "it's é"), (token.Kind, token.Value));
    }

    [Fact]
    public void FirstBadCharacterEndsTheTokensWithAnError()
    {
        var tokens = Lexer.Tokenize("foo $ bar");

        Assert.Equal([TokenKind.Identifier, TokenKind.Error], tokens.Select(t => t.Kind));
        Assert.Equal((4, "unexpected character: '$'"), (tokens[1].Start, tokens[1].Value));
    }

    private static List<(TokenKind Kind, string Text)> Lex(string query) => Lexer.Tokenize(query).Select(t => (t.Kind, t.Text)).ToList();
}
