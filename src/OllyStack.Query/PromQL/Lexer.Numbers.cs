namespace OllyStack.Query.PromQL;

internal sealed partial class Lexer
{
    /// <summary>
    /// A number (<c>12</c>, <c>1.5</c>, <c>.5</c>, <c>1e-3</c>, <c>0x1F</c>) or, when integer digits run straight
    /// into a unit, a duration (<c>5m</c>, <c>1h30m</c>, <c>100ms</c>). Either must end at a non-alphanumeric
    /// character. Whether a duration's units are in order is checked by the parser.
    /// </summary>
    private void LexNumberOrDuration()
    {
        var start = position;
        var isPlainInteger = ScanNumber();
        if (position < input.Length && IsWordChar(input[position], allowColon: false))
        {
            if (!isPlainInteger || !IsDurationUnit(input[position])) throw BadNumberOrDuration(start);
            ScanDurationRest(start);
            tokens.Add(new Token(TokenKind.Duration, start, position - start, input[start..position], input[start..position]));
            return;
        }
        tokens.Add(new Token(TokenKind.Number, start, position - start, input[start..position], input[start..position]));
    }

    /// <summary>Consumes the characters of a number; true when they are decimal digits only.</summary>
    private bool ScanNumber()
    {
        var start = position;
        var hexadecimal = Peek(0) == '0' && Peek(1) is 'x' or 'X';
        if (hexadecimal) position += 2;
        SkipDigits(hexadecimal);
        var plainInteger = !hexadecimal && position > start;
        if (Peek(0) == '.')
        {
            position++;
            SkipDigits(hexadecimal);
            plainInteger = false;
        }
        if (!hexadecimal && Peek(0) is 'e' or 'E')
        {
            position++;
            if (Peek(0) is '+' or '-') position++;
            SkipDigits(hexadecimal: false);
            plainInteger = false;
        }
        return plainInteger;
    }

    /// <summary>Consumes the unit after the first digits and any further digits-and-unit terms.</summary>
    private void ScanDurationRest(int start)
    {
        while (true)
        {
            position += Peek(0) == 'm' && Peek(1) == 's' ? 2 : 1;
            if (!char.IsAsciiDigit(Peek(0))) break;
            SkipDigits(hexadecimal: false);
            if (!IsDurationUnit(Peek(0))) throw BadNumberOrDuration(start);
        }
        if (position < input.Length && IsWordChar(input[position], allowColon: false)) throw BadNumberOrDuration(start);
    }

    private void SkipDigits(bool hexadecimal)
    {
        while (position < input.Length && (hexadecimal ? char.IsAsciiHexDigit(input[position]) : char.IsAsciiDigit(input[position]))) position++;
    }

    private PromQLParseException BadNumberOrDuration(int start)
    {
        while (position < input.Length && IsWordChar(input[position], allowColon: false)) position++;
        return Error(start, position - start, "bad number or duration syntax: " + StringQuoting.Quote(input[start..position]));
    }

    private static bool IsDurationUnit(char c) => c is 'y' or 'w' or 'd' or 'h' or 'm' or 's';
}
