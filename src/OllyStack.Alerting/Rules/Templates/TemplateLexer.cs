using System.Globalization;
using System.Text;

namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// Splits a template into text runs and the tokens of its <c>{{ actions }}</c>, as Go's text/template lexer does:
/// <c>{{- </c> trims the whitespace before an action and <c> -}}</c> the whitespace after it, <c>{{/* ... */}}</c> is a
/// comment, actions may span lines.
/// </summary>
internal sealed class TemplateLexer
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "else", "end", "with", "range", "define", "template", "block", "break", "continue",
    };

    private readonly string _input;
    private readonly List<TemplateToken> _tokens = [];
    private int _position;

    private TemplateLexer(string input) => _input = input;

    /// <exception cref="TemplateParseException">An action is not closed or holds a character no token starts with.</exception>
    public static List<TemplateToken> Tokenize(string input)
    {
        var lexer = new TemplateLexer(input);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        var trimNextText = false;
        while (_position <= _input.Length)
        {
            var open = _input.IndexOf("{{", _position, StringComparison.Ordinal);
            var textEnd = open < 0 ? _input.Length : open;
            var trimBefore = open >= 0 && HasLeftTrimMarker(open + 2);
            EmitText(_position, textEnd, trimNextText, trimBefore);
            if (open < 0) break;
            _position = open + 2 + (trimBefore ? 2 : 0);
            trimNextText = LexAction(open);
        }
        _tokens.Add(new TemplateToken(TemplateTokenKind.EndOfInput, _input.Length, _input.Length, null));
    }

    private void EmitText(int start, int end, bool trimStart, bool trimEnd)
    {
        var text = _input[start..end];
        if (trimStart) text = text.TrimStart(' ', '\t', '\r', '\n');
        if (trimEnd) text = text.TrimEnd(' ', '\t', '\r', '\n');
        if (text.Length > 0) _tokens.Add(new TemplateToken(TemplateTokenKind.Text, start, end, text));
    }

    /// <summary>Lexes one action from after its <c>{{</c>; returns whether it ended with a right trim marker.</summary>
    private bool LexAction(int open)
    {
        if (_input.AsSpan(_position).StartsWith("/*")) return LexComment(open);
        _tokens.Add(new TemplateToken(TemplateTokenKind.LeftDelim, open, open + 2, null));
        while (true)
        {
            if (_position >= _input.Length) throw Error(open, "unclosed action");
            if (HasRightTrimMarker(_position))
            {
                _tokens.Add(new TemplateToken(TemplateTokenKind.RightDelim, _position + 2, _position + 4, null));
                _position += 4;
                return true;
            }
            if (_input.AsSpan(_position).StartsWith("}}"))
            {
                _tokens.Add(new TemplateToken(TemplateTokenKind.RightDelim, _position, _position + 2, null));
                _position += 2;
                return false;
            }
            LexInsideAction();
        }
    }

    private bool LexComment(int open)
    {
        var close = _input.IndexOf("*/", _position + 2, StringComparison.Ordinal);
        if (close < 0) throw Error(open, "unclosed comment");
        _position = close + 2;
        if (HasRightTrimMarker(_position))
        {
            _position += 4;
            return true;
        }
        if (!_input.AsSpan(_position).StartsWith("}}")) throw Error(_position, "comment ends before closing delimiter");
        _position += 2;
        return false;
    }

    private void LexInsideAction()
    {
        var start = _position;
        var c = _input[_position];
        switch (c)
        {
            case ' ' or '\t' or '\r' or '\n': _position++; return;
            case '|': Emit(TemplateTokenKind.Pipe, 1); return;
            case '(': Emit(TemplateTokenKind.LeftParen, 1); return;
            case ')': Emit(TemplateTokenKind.RightParen, 1); return;
            case ',': Emit(TemplateTokenKind.Comma, 1); return;
            case '=': Emit(TemplateTokenKind.Assign, 1); return;
            case ':' when Peek(1) == '=': Emit(TemplateTokenKind.Declare, 2); return;
            case '"': LexQuoted(); return;
            case '`': LexRaw(); return;
            case '\'': throw Error(start, "character constants are not supported; use a string");
            case '$': LexName(TemplateTokenKind.Variable, 1); return;
            case '.' when char.IsAsciiDigit(Peek(1)): LexNumber(); return;
            case '.' when IsNameChar(Peek(1)): LexName(TemplateTokenKind.Field, 1); return;
            case '.': Emit(TemplateTokenKind.Dot, 1); return;
        }
        if (char.IsAsciiDigit(c) || ((c == '+' || c == '-') && (char.IsAsciiDigit(Peek(1)) || Peek(1) == '.'))) LexNumber();
        else if (IsNameChar(c)) LexIdentifier();
        else throw Error(start, $"unexpected character {GoPrintf.GoQuote(c.ToString())} in action");
    }

    private void Emit(TemplateTokenKind kind, int length, object? value = null)
    {
        _tokens.Add(new TemplateToken(kind, _position, _position + length, value));
        _position += length;
    }

    /// <summary><c>$name</c> or <c>.Name</c>: the value is the name with its sigil (<c>$</c> alone is the root variable).</summary>
    private void LexName(TemplateTokenKind kind, int sigilLength)
    {
        var start = _position;
        _position += sigilLength;
        while (_position < _input.Length && IsNameChar(_input[_position])) _position++;
        var name = kind == TemplateTokenKind.Field ? _input[(start + 1).._position] : _input[start.._position];
        _tokens.Add(new TemplateToken(kind, start, _position, name));
    }

    private void LexIdentifier()
    {
        var start = _position;
        while (_position < _input.Length && IsNameChar(_input[_position])) _position++;
        var word = _input[start.._position];
        var token = word switch
        {
            "true" or "false" => new TemplateToken(TemplateTokenKind.Bool, start, _position, word == "true"),
            "nil" => new TemplateToken(TemplateTokenKind.Nil, start, _position, null),
            _ when Keywords.Contains(word) => new TemplateToken(TemplateTokenKind.Keyword, start, _position, word),
            _ => new TemplateToken(TemplateTokenKind.Identifier, start, _position, word),
        };
        _tokens.Add(token);
    }

    /// <summary>Go number literals as templates use them: decimal and hexadecimal integers, decimals, exponents.</summary>
    private void LexNumber()
    {
        var start = _position;
        if (_input[_position] is '+' or '-') _position++;
        if (_input.AsSpan(_position).StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            _position += 2;
            while (_position < _input.Length && char.IsAsciiHexDigit(_input[_position])) _position++;
        }
        else
        {
            SkipDigits();
            if (Peek(0) == '.') { _position++; SkipDigits(); }
            if (Peek(0) is 'e' or 'E')
            {
                _position++;
                if (Peek(0) is '+' or '-') _position++;
                SkipDigits();
            }
        }
        var text = _input[start.._position];
        if (IsNameChar(Peek(0)) || Peek(0) == '.') throw Error(start, $"bad number syntax: {GoPrintf.GoQuote(text + Peek(0))}");
        _tokens.Add(new TemplateToken(TemplateTokenKind.Number, start, _position, ParseNumber(text, start)));
    }

    private object ParseNumber(string text, int start)
    {
        var negative = text.StartsWith('-');
        var unsigned = text.TrimStart('+', '-');
        if (unsigned.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(unsigned.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            return negative ? -hex : hex;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return integer;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
        throw Error(start, $"bad number syntax: {GoPrintf.GoQuote(text)}");
    }

    private void SkipDigits()
    {
        while (_position < _input.Length && (char.IsAsciiDigit(_input[_position]) || _input[_position] == '_')) _position++;
    }

    private void LexRaw()
    {
        var start = _position;
        var close = _input.IndexOf('`', start + 1);
        if (close < 0) throw Error(start, "unterminated raw quoted string");
        _position = close + 1;
        _tokens.Add(new TemplateToken(TemplateTokenKind.String, start, _position, _input[(start + 1)..close]));
    }

    /// <summary>A Go interpreted string: <c>\n \t \\ \" \xHH \uHHHH \UHHHHHHHH</c> and octal escapes; no line breaks.</summary>
    private void LexQuoted()
    {
        var start = _position++;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _input.Length || _input[_position] == '\n') throw Error(start, "unterminated quoted string");
            var c = _input[_position++];
            if (c == '"') break;
            if (c != '\\') value.Append(c);
            else AppendEscape(value, start);
        }
        _tokens.Add(new TemplateToken(TemplateTokenKind.String, start, _position, value.ToString()));
    }

    private void AppendEscape(StringBuilder value, int stringStart)
    {
        if (_position >= _input.Length) throw Error(stringStart, "unterminated quoted string");
        var escape = _input[_position++];
        switch (escape)
        {
            case 'a': value.Append('\a'); return;
            case 'b': value.Append('\b'); return;
            case 'f': value.Append('\f'); return;
            case 'n': value.Append('\n'); return;
            case 'r': value.Append('\r'); return;
            case 't': value.Append('\t'); return;
            case 'v': value.Append('\v'); return;
            case '\\' or '"' or '\'': value.Append(escape); return;
            case 'x': value.Append((char)ReadCode(2, 16, stringStart)); return;
            case 'u': value.Append(char.ConvertFromUtf32(ReadCode(4, 16, stringStart))); return;
            case 'U': value.Append(char.ConvertFromUtf32(ReadCode(8, 16, stringStart))); return;
            case >= '0' and <= '7':
                _position--;
                value.Append((char)ReadCode(3, 8, stringStart));
                return;
            default: throw Error(_position - 2, $"unknown escape sequence \\{escape}");
        }
    }

    private int ReadCode(int digits, int radix, int stringStart)
    {
        var end = _position + digits;
        if (end > _input.Length) throw Error(stringStart, "unterminated quoted string");
        var text = _input[_position..end];
        int code;
        try
        {
            code = Convert.ToInt32(text, radix);
        }
        catch (FormatException)
        {
            throw Error(_position, $"invalid escape digits {GoPrintf.GoQuote(text)}");
        }
        if (code is > 0x10FFFF or (>= 0xD800 and <= 0xDFFF)) throw Error(_position, $"escape sequence {GoPrintf.GoQuote(text)} is not a valid Unicode code point");
        _position = end;
        return code;
    }

    /// <summary>A left trim marker is a '-' right after <c>{{</c> followed by whitespace (<c>{{-3}}</c> is the number -3).</summary>
    private bool HasLeftTrimMarker(int at) => at + 1 < _input.Length && _input[at] == '-' && IsSpace(_input[at + 1]);

    /// <summary>A right trim marker is whitespace, '-' and then <c>}}</c>.</summary>
    private bool HasRightTrimMarker(int at) =>
        at < _input.Length && IsSpace(_input[at]) && _input.AsSpan(at + 1).StartsWith("-}}");

    private char Peek(int offset) => _position + offset < _input.Length ? _input[_position + offset] : '\0';

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private TemplateParseException Error(int position, string reason) => new(_input, position, reason);
}
