using System.Globalization;
using OllyStack.Storage.Index;

namespace OllyStack.Query.LogQL.Syntax;

internal sealed partial class SyntaxParser
{
    /// <summary><c>or</c> binds looser than <c>and</c>; <c>,</c> and plain juxtaposition mean <c>and</c>, as in Loki.</summary>
    private LabelFilterExpr ParseLabelFilter()
    {
        EnterNesting();
        var left = ParseLabelFilterConjunction();
        while (Current.IsWord("or") && StartsLabelFilter(1))
        {
            Advance();
            left = new OrLabelFilter(left, ParseLabelFilterConjunction());
        }
        ExitNesting();
        return left;
    }

    private LabelFilterExpr ParseLabelFilterConjunction()
    {
        var left = ParseLabelFilterPrimary();
        while (true)
        {
            if ((Current.IsWord("and") || Current.Kind == TokenKind.Comma) && StartsLabelFilter(1)) Advance();
            else if (!(Current.Kind == TokenKind.Identifier && IsComparison(Next.Kind))) return left;
            left = new AndLabelFilter(left, ParseLabelFilterPrimary());
        }
    }

    /// <summary>Whether the token <paramref name="ahead"/> of the current one starts a label filter.</summary>
    private bool StartsLabelFilter(int ahead) =>
        Peek(ahead).Kind == TokenKind.LeftParen || (Peek(ahead).Kind == TokenKind.Identifier && IsComparison(Peek(ahead + 1).Kind));

    private static bool IsComparison(TokenKind kind) => kind is TokenKind.Assign or TokenKind.EqualEqual or TokenKind.NotEqual
        or TokenKind.RegexMatch or TokenKind.RegexNotMatch or TokenKind.Greater or TokenKind.GreaterOrEqual or TokenKind.Less or TokenKind.LessOrEqual;

    private LabelFilterExpr ParseLabelFilterPrimary()
    {
        if (Accept(TokenKind.LeftParen))
        {
            var inner = ParseLabelFilter();
            Expect(TokenKind.RightParen, "label filter", "\")\"");
            return inner;
        }
        var name = Expect(TokenKind.Identifier, "label filter", "label name or \"(\"");
        var op = Current;
        if (!IsComparison(op.Kind)) throw Unexpected("label filter", "a comparison operator");
        Advance();
        var negative = Current.Kind == TokenKind.Minus && Next.Kind == TokenKind.Number;
        if (negative) Advance();
        var value = Current;
        return value.Kind switch
        {
            TokenKind.String => StringFilter(name, op, Advance()),
            TokenKind.Number => new NumberLabelFilter(name.Text, NumericOp(op), ParseNumberToken(Advance()) * (negative ? -1 : 1)),
            TokenKind.Duration => new DurationLabelFilter(name.Text, NumericOp(op), DurationSeconds(Advance()), value.Text),
            TokenKind.Bytes => new BytesLabelFilter(name.Text, NumericOp(op), Bytes(Advance()), value.Text),
            _ => throw Unexpected("label filter", "a string, number, duration or bytes value"),
        };
    }

    private StringLabelFilter StringFilter(Token name, Token op, Token value)
    {
        var type = op.Kind switch
        {
            TokenKind.Assign or TokenKind.EqualEqual => LabelMatchType.Equal,
            TokenKind.NotEqual => LabelMatchType.NotEqual,
            TokenKind.RegexMatch => LabelMatchType.Regex,
            TokenKind.RegexNotMatch => LabelMatchType.NotRegex,
            _ => throw Error(op, $"operator {op.Text} cannot compare label {name.Text} with a string; use =, ==, !=, =~ or !~"),
        };
        return new StringLabelFilter(NewMatcher(type, name.Text, value));
    }

    private ComparisonOp NumericOp(Token op) => op.Kind switch
    {
        TokenKind.Assign or TokenKind.EqualEqual => ComparisonOp.Equal,
        TokenKind.NotEqual => ComparisonOp.NotEqual,
        TokenKind.Greater => ComparisonOp.Greater,
        TokenKind.GreaterOrEqual => ComparisonOp.GreaterOrEqual,
        TokenKind.Less => ComparisonOp.Less,
        TokenKind.LessOrEqual => ComparisonOp.LessOrEqual,
        _ => throw Error(op, $"operator {op.Text} needs a string; numbers, durations and bytes compare with ==, !=, >, >=, < or <="),
    };

    private double ParseNumberToken(Token token) =>
        double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error(token, $"invalid number \"{token.Text}\"");

    private static double DurationSeconds(Token token)
    {
        GoDuration.TryParse(token.Text, out var seconds);
        return seconds;
    }

    private static double Bytes(Token token)
    {
        ByteSize.TryParse(token.Text, out var bytes);
        return bytes;
    }
}
