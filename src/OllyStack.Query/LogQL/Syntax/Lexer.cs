using OllyStack.Query.PromQL;

namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// Splits a LogQL query into tokens. Strings are PromQL's (double quotes with Go escapes, or backticks); a number that
/// runs into letters is a duration (<c>5m</c>, <c>1.5s</c>) or a size (<c>20MB</c>). The list ends with
/// <see cref="TokenKind.EndOfInput"/> or, at the first text that cannot be lexed, an <see cref="TokenKind.Error"/>
/// token, so the parser reports errors in the order it meets them.
/// </summary>
internal sealed class Lexer
{
    private readonly string input;
    private readonly List<Token> tokens = [];
    private int position;

    private Lexer(string input) => this.input = input;

    public static List<Token> Tokenize(string input)
    {
        var lexer = new Lexer(input);
        try
        {
            lexer.Run();
        }
        catch (LogQLParseException error)
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
            LexToken();
        }
    }

    private void LexToken()
    {
        var c = input[position];
        switch (c)
        {
            case '{': Emit(TokenKind.LeftBrace, 1); break;
            case '}': Emit(TokenKind.RightBrace, 1); break;
            case '(': Emit(TokenKind.LeftParen, 1); break;
            case ')': Emit(TokenKind.RightParen, 1); break;
            case '[': Emit(TokenKind.LeftBracket, 1); break;
            case ']': Emit(TokenKind.RightBracket, 1); break;
            case ',': Emit(TokenKind.Comma, 1); break;
            case '+': Emit(TokenKind.Plus, 1); break;
            case '-': Emit(TokenKind.Minus, 1); break;
            case '*': Emit(TokenKind.Star, 1); break;
            case '/': Emit(TokenKind.Slash, 1); break;
            case '%': Emit(TokenKind.Percent, 1); break;
            case '^': Emit(TokenKind.Caret, 1); break;
            case '=': EmitByNext(TokenKind.Assign, ('=', TokenKind.EqualEqual), ('~', TokenKind.RegexMatch)); break;
            case '!': LexBang(); break;
            case '|': EmitByNext(TokenKind.Pipe, ('=', TokenKind.PipeExact), ('~', TokenKind.PipeMatch), ('>', TokenKind.PipePattern)); break;
            case '<': EmitByNext(TokenKind.Less, ('=', TokenKind.LessOrEqual)); break;
            case '>': EmitByNext(TokenKind.Greater, ('=', TokenKind.GreaterOrEqual)); break;
            case '"' or '`': LexString(); break;
            case '.' when char.IsAsciiDigit(Peek(1)): LexNumber(); break;
            case >= '0' and <= '9': LexNumber(); break;
            case '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'): LexIdentifier(); break;
            default: throw Error(position, 1, "unexpected character: " + StringQuoting.DescribeChar(c));
        }
    }

    private void LexBang()
    {
        switch (Peek(1))
        {
            case '=': Emit(TokenKind.NotEqual, 2); break;
            case '~': Emit(TokenKind.RegexNotMatch, 2); break;
            case '>': Emit(TokenKind.NotPattern, 2); break;
            default: throw Error(position, 1, "unexpected character after '!'; expected \"!=\", \"!~\" or \"!>\"");
        }
    }

    /// <summary>Emits the two-character token the next character makes, or <paramref name="alone"/>.</summary>
    private void EmitByNext(TokenKind alone, params ReadOnlySpan<(char Next, TokenKind Kind)> pairs)
    {
        foreach (var (next, kind) in pairs)
        {
            if (Peek(1) != next) continue;
            Emit(kind, 2);
            return;
        }
        Emit(alone, 1);
    }

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

    /// <summary>A number (<c>12</c>, <c>0.5</c>, <c>1e3</c>), or with a unit run into it a duration or a size.</summary>
    private void LexNumber()
    {
        var start = position;
        SkipDigits();
        if (Peek(0) == '.')
        {
            position++;
            SkipDigits();
        }
        if (Peek(0) is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            position += 2;
            SkipDigits();
        }
        if (!IsUnitChar(Peek(0)))
        {
            Add(TokenKind.Number, start);
            return;
        }
        while (IsUnitChar(Peek(0)) || char.IsAsciiDigit(Peek(0)) || Peek(0) == '.') position++;
        var text = input.AsSpan(start, position - start);
        if (GoDuration.TryParse(text, out _)) Add(TokenKind.Duration, start);
        else if (ByteSize.IsLiteralWithUnit(text)) Add(TokenKind.Bytes, start);
        else throw Error(start, position - start, "bad number, duration or bytes syntax: " + StringQuoting.Quote(text.ToString()));
    }

    private void LexIdentifier()
    {
        var start = position;
        while (position < input.Length && (char.IsAsciiLetterOrDigit(input[position]) || input[position] == '_')) position++;
        Add(TokenKind.Identifier, start);
    }

    private void SkipSpaceAndComments()
    {
        while (position < input.Length)
        {
            var c = input[position];
            if (c is ' ' or '\t' or '\n' or '\r') position++;
            else if (c == '#')
            {
                var newline = input.IndexOf('\n', position);
                position = newline < 0 ? input.Length : newline + 1;
            }
            else return;
        }
    }

    private void SkipDigits()
    {
        while (position < input.Length && char.IsAsciiDigit(input[position])) position++;
    }

    private void Emit(TokenKind kind, int length)
    {
        position += length;
        Add(kind, position - length);
    }

    private void Add(TokenKind kind, int start)
    {
        var text = input[start..position];
        tokens.Add(new Token(kind, start, text.Length, text, text));
    }

    private char Peek(int ahead) => position + ahead < input.Length ? input[position + ahead] : '\0';

    private LogQLParseException Error(int start, int length, string reason) =>
        new(input, start, Math.Min(length, input.Length - start), reason);

    private static bool IsUnitChar(char c) => char.IsAsciiLetter(c) || c is '\u00b5' or '\u03bc';
}
