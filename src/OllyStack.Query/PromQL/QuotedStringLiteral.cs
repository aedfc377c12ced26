using System.Text;

namespace OllyStack.Query.PromQL;

/// <summary>
/// Reads the quoted strings PromQL and LogQL share: double or single quotes with Go's escapes (<c>\n</c>, <c>\"</c>,
/// <c>\x41</c>, <c>\101</c>, <c>\u00e9</c>, <c>\U0001F600</c>; the other quote needs no escape), or backticks with no
/// escapes. Quoted strings end at the line; raw strings may span lines. <c>\x</c> and octal escapes are bytes of the
/// UTF-8 text, so <c>"\xc3\xa9"</c> is "é"; the result must be valid UTF-8.
/// </summary>
internal sealed class QuotedStringLiteral
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string input;
    private readonly int start;
    private readonly List<byte> bytes = [];
    private int position;

    private QuotedStringLiteral(string input, int start)
    {
        this.input = input;
        this.start = start;
        position = start;
    }

    /// <summary>The string whose opening quote is at <paramref name="start"/>; <paramref name="end"/> is just past its closing quote.</summary>
    /// <exception cref="StringLiteralException">The literal is unterminated, has a bad escape or is not valid UTF-8.</exception>
    public static string Read(string input, int start, out int end)
    {
        var reader = new QuotedStringLiteral(input, start);
        var value = reader.Read();
        end = reader.position;
        return value;
    }

    private string Read()
    {
        var quote = input[position++];
        while (true)
        {
            if (position >= input.Length || (quote != '`' && input[position] == '\n'))
                throw Error(start, position - start, quote == '`' ? "unterminated raw string" : "unterminated quoted string");
            var c = input[position];
            if (c == quote) break;
            if (c == '\\' && quote != '`') ReadEscape(quote);
            else AppendRun(quote);
        }
        position++;
        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw Error(start, position - start, "string literal is not valid UTF-8");
        }
    }

    /// <summary>Appends the characters up to the next quote, backslash or line end as UTF-8.</summary>
    private void AppendRun(char quote)
    {
        var runStart = position;
        while (position < input.Length && input[position] != quote && (quote == '`' || input[position] is not '\\' and not '\n')) position++;
        try
        {
            bytes.AddRange(StrictUtf8.GetBytes(input, runStart, position - runStart));
        }
        catch (EncoderFallbackException)
        {
            throw Error(runStart, position - runStart, "string literal contains an unpaired surrogate");
        }
    }

    private void ReadEscape(char quote)
    {
        var escapeStart = position;
        position++;
        if (position >= input.Length) throw Error(escapeStart, 1, "unterminated quoted string");
        var c = input[position++];
        switch (c)
        {
            case 'a': bytes.Add(0x07); break;
            case 'b': bytes.Add(0x08); break;
            case 'f': bytes.Add(0x0c); break;
            case 'n': bytes.Add(0x0a); break;
            case 'r': bytes.Add(0x0d); break;
            case 't': bytes.Add(0x09); break;
            case 'v': bytes.Add(0x0b); break;
            case '\\': bytes.Add((byte)'\\'); break;
            case '"' or '\'' when c == quote: bytes.Add((byte)c); break;
            case >= '0' and <= '7':
                position--;
                var octal = ReadDigits(escapeStart, 3, 8);
                if (octal > 0xff) throw Error(escapeStart, position - escapeStart, "octal escape value is greater than 255");
                bytes.Add((byte)octal);
                break;
            case 'x': bytes.Add((byte)ReadDigits(escapeStart, 2, 16)); break;
            case 'u' or 'U':
                var codePoint = ReadDigits(escapeStart, c == 'u' ? 4 : 8, 16);
                if (codePoint > 0x10ffff || !Rune.IsValid((int)codePoint)) throw Error(escapeStart, position - escapeStart, "escape sequence is not a valid Unicode code point");
                Span<byte> encoded = stackalloc byte[4];
                bytes.AddRange(encoded[..new Rune((int)codePoint).EncodeToUtf8(encoded)]);
                break;
            default: throw Error(escapeStart, 2, "unknown escape sequence " + StringQuoting.Quote(input.Substring(escapeStart, 2)));
        }
    }

    private long ReadDigits(int escapeStart, int count, int radix)
    {
        long value = 0;
        for (var i = 0; i < count; i++)
        {
            var digit = position < input.Length ? HexValue(input[position]) : -1;
            if (digit < 0 || digit >= radix)
            {
                if (position >= input.Length) throw Error(escapeStart, position - escapeStart, "unterminated quoted string");
                throw Error(escapeStart, position - escapeStart + 1, "illegal character " + StringQuoting.DescribeChar(input[position]) + " in escape sequence");
            }
            value = value * radix + digit;
            position++;
        }
        return value;
    }

    private StringLiteralException Error(int errorStart, int length, string reason) =>
        new(errorStart, Math.Min(length, input.Length - errorStart), reason);

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
