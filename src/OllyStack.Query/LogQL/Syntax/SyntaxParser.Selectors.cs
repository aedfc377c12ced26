using StringQuoting = OllyStack.Query.PromQL.StringQuoting;
using OllyStack.Storage.Index;

namespace OllyStack.Query.LogQL.Syntax;

internal sealed partial class SyntaxParser
{
    private const string EmptyCompatibleSelector =
        "queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, but app=~\".+\" will";

    /// <summary>A log query: a stream selector and its pipeline.</summary>
    private LogSelectorExpr ParseLogQuery()
    {
        var matchers = ParseStreamSelector();
        var stages = new List<StageExpr>();
        UnwrapExpr? unwrap = null;
        ParsePipeline(stages, ref unwrap, allowUnwrap: false);
        return new LogSelectorExpr(matchers, stages);
    }

    /// <summary><c>{name op "value", ...}</c> with at least one matcher that does not match the empty value.</summary>
    private List<LabelMatcher> ParseStreamSelector()
    {
        var open = Expect(TokenKind.LeftBrace, "stream selector", "\"{\"");
        var matchers = new List<LabelMatcher>();
        while (Current.Kind != TokenKind.RightBrace)
        {
            matchers.Add(ParseMatcher("stream selector"));
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RightBrace, "stream selector", "\",\" or \"}\"");
        if (!matchers.Any(m => !m.MatchesEmpty)) throw Error(open.Start, previousEnd - open.Start, EmptyCompatibleSelector);
        return matchers;
    }

    private LabelMatcher ParseMatcher(string context)
    {
        var name = Expect(TokenKind.Identifier, context, "label name");
        var type = Current.Kind switch
        {
            TokenKind.Assign => LabelMatchType.Equal,
            TokenKind.NotEqual => LabelMatchType.NotEqual,
            TokenKind.RegexMatch => LabelMatchType.Regex,
            TokenKind.RegexNotMatch => LabelMatchType.NotRegex,
            _ => throw Unexpected(context, "\"=\", \"!=\", \"=~\" or \"!~\""),
        };
        Advance();
        return NewMatcher(type, name.Text, Expect(TokenKind.String, context, "string"));
    }

    /// <summary>A Prometheus-style matcher; a regex that does not compile is reported at its string.</summary>
    private LabelMatcher NewMatcher(LabelMatchType type, string name, Token value)
    {
        try
        {
            return new LabelMatcher(type, name, value.Value);
        }
        catch (ArgumentException e)
        {
            throw Error(value, $"invalid regular expression {StringQuoting.Quote(value.Value)}: {e.InnerException?.Message ?? e.Message}");
        }
    }

    /// <summary>
    /// The log range of a range aggregation, in any of Loki's spellings: <c>{...} | stages [5m]</c>,
    /// <c>{...}[5m] | stages</c>, <c>({...} | stages)[5m]</c>, each optionally followed by <c>offset 1h</c>.
    /// </summary>
    private LogRangeExpr ParseLogRange()
    {
        var start = Current.Start;
        var (selector, range, unwrap) = ParseLogRangeParts();
        if (range is null)
        {
            if (Current.Kind == TokenKind.LeftBracket) range = ParseRange();
            else throw Unexpected("log range", "a range such as [5m]");
        }
        var offset = TimeSpan.Zero;
        if (AcceptWord("offset")) offset = ParseDuration("offset");
        if (range <= TimeSpan.Zero) throw Error(start, previousEnd - start, "range must be greater than 0");
        return new LogRangeExpr(selector, range.Value, unwrap, offset);
    }

    private (LogSelectorExpr Selector, TimeSpan? Range, UnwrapExpr? Unwrap) ParseLogRangeParts()
    {
        if (Current.Kind == TokenKind.LeftParen)
        {
            Advance();
            EnterNesting();
            var inner = ParseLogRangeParts();
            ExitNesting();
            Expect(TokenKind.RightParen, "log range", "\")\"");
            return inner;
        }
        var matchers = ParseStreamSelector();
        TimeSpan? range = Current.Kind == TokenKind.LeftBracket ? ParseRange() : null;
        var stages = new List<StageExpr>();
        UnwrapExpr? unwrap = null;
        ParsePipeline(stages, ref unwrap, allowUnwrap: true);
        if (range is null && Current.Kind == TokenKind.LeftBracket) range = ParseRange();
        return (new LogSelectorExpr(matchers, stages), range, unwrap);
    }

    private TimeSpan ParseRange()
    {
        Advance();
        var duration = ParseDuration("range");
        Expect(TokenKind.RightBracket, "range", "\"]\"");
        return duration;
    }

    private TimeSpan ParseDuration(string context)
    {
        var token = Expect(TokenKind.Duration, context, "duration");
        GoDuration.TryParse(token.Text, out var seconds);
        var ticks = Math.Round(seconds * TimeSpan.TicksPerSecond);
        if (ticks > TimeSpan.MaxValue.Ticks) throw Error(token, $"duration {StringQuoting.Quote(token.Text)} is out of range");
        return TimeSpan.FromTicks((long)ticks);
    }
}
