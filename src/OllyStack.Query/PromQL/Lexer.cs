namespace OllyStack.Query.PromQL;

/// <summary>
/// Splits a query into tokens. Like Prometheus' lexer it has three modes: statements, inside <c>{...}</c> (label
/// names and matchers only, no keywords) and inside <c>[...]</c> (where <c>:</c> separates range and step instead of
/// being part of a name). The token list ends with <see cref="TokenKind.EndOfInput"/> or, at the first text that
/// cannot be lexed, with a <see cref="TokenKind.Error"/> token, so the parser reports errors in the order it meets them.
/// </summary>
internal sealed partial class Lexer
{
    private readonly string input;
    private readonly List<Token> tokens = [];
    private int position;
    private bool insideBraces;
    private bool insideBrackets;

    private Lexer(string input) => this.input = input;

    public static List<Token> Tokenize(string input)
    {
        var lexer = new Lexer(input);
        try
        {
            lexer.Run();
        }
        catch (PromQLParseException error)
        {
            lexer.tokens.Add(new Token(TokenKind.Error, error.Position, error.Length, input.Substring(error.Position, error.Length), error.Reason));
        }
        return lexer.tokens;
    }

    private void Run()
    {
        while (true)
        {
            SkipSpaceAndComments();
            if (position >= input.Length)
            {
                tokens.Add(new Token(TokenKind.EndOfInput, input.Length, 0, "", ""));
                return;
            }
            if (insideBraces) LexInsideBraces();
            else LexStatement();
        }
    }

    private void LexStatement()
    {
        var c = input[position];
        switch (c)
        {
            case ',': Emit(TokenKind.Comma, 1); break;
            case '(': Emit(TokenKind.LeftParen, 1); break;
            case ')': Emit(TokenKind.RightParen, 1); break;
            case '{': Emit(TokenKind.LeftBrace, 1); insideBraces = true; break;
            case '}': Emit(TokenKind.RightBrace, 1); break;
            case '[': Emit(TokenKind.LeftBracket, 1); insideBrackets = true; break;
            case ']': Emit(TokenKind.RightBracket, 1); insideBrackets = false; break;
            case ':' when insideBrackets: Emit(TokenKind.Colon, 1); break;
            case '@': Emit(TokenKind.At, 1); break;
            case '+': Emit(TokenKind.Plus, 1); break;
            case '-': Emit(TokenKind.Minus, 1); break;
            case '*': Emit(TokenKind.Star, 1); break;
            case '/': Emit(TokenKind.Slash, 1); break;
            case '%': Emit(TokenKind.Percent, 1); break;
            case '^': Emit(TokenKind.Caret, 1); break;
            case '=': LexEquals(); break;
            case '!': LexBang(); break;
            case '<': EmitWithOptionalEquals(TokenKind.Less, TokenKind.LessOrEqual); break;
            case '>': EmitWithOptionalEquals(TokenKind.Greater, TokenKind.GreaterOrEqual); break;
            case '"' or '\'' or '`': LexString(); break;
            case '.' when position + 1 < input.Length && char.IsAsciiDigit(input[position + 1]): LexNumberOrDuration(); break;
            case >= '0' and <= '9': LexNumberOrDuration(); break;
            case '_' or ':' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'): LexWord(); break;
            default: throw Error(position, 1, "unexpected character: " + StringQuoting.DescribeChar(c));
        }
    }

    private void LexInsideBraces()
    {
        var c = input[position];
        switch (c)
        {
            case ',': Emit(TokenKind.Comma, 1); break;
            case '}': Emit(TokenKind.RightBrace, 1); insideBraces = false; break;
            case '=': Emit(Peek(1) == '~' ? TokenKind.RegexMatch : TokenKind.Assign, Peek(1) == '~' ? 2 : 1); break;
            case '!': LexBang(); break;
            case '"' or '\'' or '`': LexString(); break;
            case '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'): LexLabelName(); break;
            default: throw Error(position, 1, "unexpected character inside braces: " + StringQuoting.DescribeChar(c));
        }
    }

    private void LexEquals()
    {
        switch (Peek(1))
        {
            case '=': Emit(TokenKind.EqualEqual, 2); break;
            case '~': Emit(TokenKind.RegexMatch, 2); break;
            default: Emit(TokenKind.Assign, 1); break;
        }
    }

    private void LexBang()
    {
        switch (Peek(1))
        {
            case '=': Emit(TokenKind.NotEqual, 2); break;
            case '~': Emit(TokenKind.RegexNotMatch, 2); break;
            default: throw Error(position, 1, "unexpected character after '!'; expected \"!=\" or \"!~\"");
        }
    }

    private void EmitWithOptionalEquals(TokenKind alone, TokenKind withEquals)
    {
        if (Peek(1) == '=') Emit(withEquals, 2);
        else Emit(alone, 1);
    }

    /// <summary>A name outside braces: a keyword, an aggregation, Inf/NaN, or a metric or function name.</summary>
    private void LexWord()
    {
        var start = position;
        while (position < input.Length && IsWordChar(input[position], allowColon: !insideBrackets)) position++;
        var word = input[start..position];
        var kind = word.Contains(':') ? TokenKind.MetricIdentifier : Keywords.Classify(word);
        tokens.Add(new Token(kind, start, word.Length, word, word));
    }

    private void LexLabelName()
    {
        var start = position;
        while (position < input.Length && IsWordChar(input[position], allowColon: false)) position++;
        var name = input[start..position];
        tokens.Add(new Token(TokenKind.Identifier, start, name.Length, name, name));
    }

    private void SkipSpaceAndComments()
    {
        while (position < input.Length)
        {
            var c = input[position];
            if (c is ' ' or '\t' or '\n' or '\r') position++;
            else if (c == '#' && !insideBraces) SkipComment();
            else return;
        }
    }

    private void SkipComment()
    {
        var newline = input.IndexOf('\n', position);
        position = newline < 0 ? input.Length : newline + 1;
    }

    private void Emit(TokenKind kind, int length)
    {
        tokens.Add(new Token(kind, position, length, input.Substring(position, length), input.Substring(position, length)));
        position += length;
    }

    private char Peek(int ahead) => position + ahead < input.Length ? input[position + ahead] : '\0';

    private PromQLParseException Error(int start, int length, string reason) =>
        new(input, start, Math.Min(length, input.Length - start), reason);

    private static bool IsWordChar(char c, bool allowColon) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
}
