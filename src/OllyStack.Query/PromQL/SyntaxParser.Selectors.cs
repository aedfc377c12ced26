namespace OllyStack.Query.PromQL;

internal sealed partial class SyntaxParser
{
    private VectorSelector ParseVectorSelector(Token? name)
    {
        var start = name?.Start ?? Current.Start;
        var matchers = Current.Kind == TokenKind.LeftBrace ? ParseLabelMatchers() : ValueList<LabelMatcher>.Empty;
        return Node(new VectorSelector(name?.Text, matchers), start);
    }

    /// <summary><c>{name op "value", ...}</c>; a trailing comma is allowed, as in Prometheus.</summary>
    private ValueList<LabelMatcher> ParseLabelMatchers()
    {
        Advance();
        var matchers = new List<LabelMatcher>();
        while (Current.Kind != TokenKind.RightBrace)
        {
            matchers.Add(ParseLabelMatcher());
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RightBrace, "label matching", "\",\" or \"}\"");
        return new ValueList<LabelMatcher>(matchers);
    }

    private LabelMatcher ParseLabelMatcher()
    {
        var name = Expect(TokenKind.Identifier, "label matching", "label name");
        var type = Current.Kind switch
        {
            TokenKind.Assign => LabelMatchType.Equal,
            TokenKind.NotEqual => LabelMatchType.NotEqual,
            TokenKind.RegexMatch => LabelMatchType.Regex,
            TokenKind.RegexNotMatch => LabelMatchType.NotRegex,
            _ => throw Unexpected("label matching", "label matching operator"),
        };
        Advance();
        var value = Require(TokenKind.String, "label matching", "string");
        if (type is LabelMatchType.Regex or LabelMatchType.NotRegex && !LabelRegex.TryValidate(value.Value, out var error))
            throw Error(value, $"invalid regular expression {StringQuoting.Quote(value.Value)}: {error}");
        Advance();
        return new LabelMatcher(name.Text, type, value.Value);
    }

    /// <summary>Ranges, subqueries, <c>offset</c> and <c>@</c>, in any number and order after a primary expression.</summary>
    private Expr ParsePostfix(Expr expr)
    {
        while (true)
        {
            switch (Current.Kind)
            {
                case TokenKind.LeftBracket: expr = ParseRangeOrSubquery(expr); break;
                case TokenKind.Offset: expr = ParseOffset(expr); break;
                case TokenKind.At: expr = ParseAt(expr); break;
                default: return expr;
            }
        }
    }

    /// <summary><c>[range]</c> after a plain vector selector, or <c>[range:step]</c> / <c>[range:]</c> after any expression.</summary>
    private Expr ParseRangeOrSubquery(Expr expr)
    {
        var span = map.SpanOf(expr);
        Advance();
        var range = ParseDuration("range or subquery");
        if (Accept(TokenKind.Colon))
        {
            TimeSpan? step = Current.Kind == TokenKind.Duration ? ParseDuration("subquery step") : null;
            Expect(TokenKind.RightBracket, "subquery", "\"]\"");
            return Node(new SubqueryExpr(expr, range, step), span.Start, expr);
        }
        Expect(TokenKind.RightBracket, "range", "\":\" or \"]\"");
        var selector = expr as VectorSelector ?? throw Error(span, "ranges only allowed for vector selectors");
        if (selector.Offset != TimeSpan.Zero) throw Error(span, "no offset modifiers allowed before range");
        if (selector.At is not null) throw Error(span, "no @ modifiers allowed before range");
        return Node(new MatrixSelector(selector, range), span.Start, selector);
    }

    /// <summary><c>offset [-]duration</c>; a negative offset looks ahead in time.</summary>
    private Expr ParseOffset(Expr expr)
    {
        Advance();
        var negative = Accept(TokenKind.Minus);
        var duration = ParseDuration("offset");
        var offset = negative ? -duration : duration;
        PromQLParseException Twice() => Error(map.SpanOf(expr), "offset may not be set multiple times");
        return Modify(expr, "offset",
            selector => selector.Offset == TimeSpan.Zero ? selector with { Offset = offset } : throw Twice(),
            subquery => subquery.Offset == TimeSpan.Zero ? subquery with { Offset = offset } : throw Twice());
    }

    /// <summary><c>@ timestamp</c> (Unix seconds, optionally signed), <c>@ start()</c> or <c>@ end()</c>.</summary>
    private Expr ParseAt(Expr expr)
    {
        Advance();
        var at = ParseAtValue();
        PromQLParseException Twice() => Error(map.SpanOf(expr), "@ <timestamp> may not be set multiple times");
        return Modify(expr, "@",
            selector => selector.At is null ? selector with { At = at } : throw Twice(),
            subquery => subquery.At is null ? subquery with { At = at } : throw Twice());
    }

    private AtModifier ParseAtValue()
    {
        if (Current.Kind is TokenKind.Start or TokenKind.End)
        {
            var preprocessor = Advance();
            Expect(TokenKind.LeftParen, "@ modifier", "\"(\"");
            Expect(TokenKind.RightParen, "@ modifier", "\")\"");
            return preprocessor.Kind == TokenKind.Start ? AtModifier.Start : AtModifier.End;
        }
        var start = Current.Start;
        var negative = Current.Kind == TokenKind.Minus;
        if (Current.Kind is TokenKind.Plus or TokenKind.Minus) Advance();
        var number = Require(TokenKind.Number, "@ modifier", "timestamp, start() or end()");
        var seconds = ParseNumber(number) * (negative ? -1 : 1);
        var milliseconds = Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
        if (!double.IsFinite(milliseconds) || milliseconds >= long.MaxValue || milliseconds <= long.MinValue)
            throw Error(start, number.End - start, $"timestamp out of bounds for @ modifier: {NumberFormat.Format(seconds)}");
        Advance();
        return AtModifier.At((long)milliseconds);
    }

    /// <summary>Applies a time modifier to the selector or subquery it follows; a range's modifiers go to its selector.</summary>
    private Expr Modify(Expr expr, string modifier, Func<VectorSelector, VectorSelector> onSelector, Func<SubqueryExpr, SubqueryExpr> onSubquery)
    {
        var span = map.SpanOf(expr);
        switch (expr)
        {
            case VectorSelector selector:
                return Node(onSelector(selector), span.Start);
            case MatrixSelector matrix:
                var inner = NodeAt(onSelector(matrix.Selector), map.SpanOf(matrix.Selector));
                return Node(matrix with { Selector = inner }, span.Start, inner);
            case SubqueryExpr subquery:
                return Node(onSubquery(subquery), span.Start, subquery.Expr);
            default:
                throw Error(span, $"{modifier} modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        }
    }

    /// <summary>A duration token; zero is rejected everywhere, as in Prometheus 2.x.</summary>
    private TimeSpan ParseDuration(string context)
    {
        var token = Require(TokenKind.Duration, context, "duration");
        if (!DurationFormat.TryParse(token.Text, out var duration, out var error)) throw Error(token, error);
        if (duration == TimeSpan.Zero) throw Error(token, "duration must be greater than 0");
        Advance();
        return duration;
    }
}
