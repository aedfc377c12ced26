using OllyStack.Query.LogQL.Pipeline;
using OllyStack.Query.LogQL.Pipeline.Templates;
using OllyStack.Query.PromQL;
using OllyStack.Storage.Index;

namespace OllyStack.Query.LogQL.Syntax;

internal sealed partial class SyntaxParser
{
    /// <summary>
    /// Stages up to the first token that cannot continue the pipeline. After <c>| unwrap</c> only label filters may
    /// follow; they become the unwrap's post-filters.
    /// </summary>
    private void ParsePipeline(List<StageExpr> stages, ref UnwrapExpr? unwrap, bool allowUnwrap)
    {
        while (true)
        {
            // "!=" is also a comparison between metric queries; the other line filter operators are only ever line filters.
            if (LineFilterOpAt(Current) is { } op && (op != LineFilterOp.NotContains || Next.Kind == TokenKind.String))
            {
                if (unwrap is not null) throw Error(Current, "only label filters may follow unwrap");
                Advance();
                stages.Add(ParseLineFilter(op));
                continue;
            }
            if (Current.Kind != TokenKind.Pipe) return;
            Advance();
            if (unwrap is not null)
            {
                unwrap = unwrap with { PostFilters = [.. unwrap.PostFilters, ParseLabelFilter()] };
                continue;
            }
            if (Current.IsWord("unwrap"))
            {
                if (!allowUnwrap) throw Error(Current, "unwrap is only allowed in a range aggregation, for example sum_over_time({...} | unwrap x [5m])");
                unwrap = ParseUnwrap();
                continue;
            }
            stages.Add(ParseStage());
        }
    }

    private static LineFilterOp? LineFilterOpAt(Token token) => token.Kind switch
    {
        TokenKind.PipeExact => LineFilterOp.Contains,
        TokenKind.NotEqual => LineFilterOp.NotContains,
        TokenKind.PipeMatch => LineFilterOp.Regex,
        TokenKind.RegexNotMatch => LineFilterOp.NotRegex,
        TokenKind.PipePattern => LineFilterOp.Pattern,
        TokenKind.NotPattern => LineFilterOp.NotPattern,
        _ => null,
    };

    /// <summary>The values of a line filter whose operator was consumed: <c>"a"</c> or <c>"a" or "b" ...</c>, each checked.</summary>
    private LineFilterStage ParseLineFilter(LineFilterOp op)
    {
        var values = new List<string>();
        while (true)
        {
            var value = Expect(TokenKind.String, "line filter", "string");
            Validate(value, op switch
            {
                LineFilterOp.Regex or LineFilterOp.NotRegex => text => GoRegex.Unanchored(text),
                LineFilterOp.Pattern or LineFilterOp.NotPattern => text => LinePattern.Parse(text),
                _ => null,
            }, op is LineFilterOp.Pattern or LineFilterOp.NotPattern ? "pattern" : "regular expression");
            values.Add(value.Value);
            if (!Current.IsWord("or") || Next.Kind != TokenKind.String) return new LineFilterStage(op, values);
            Advance();
        }
    }

    private StageExpr ParseStage()
    {
        var word = Current;
        if (word.Kind != TokenKind.Identifier && word.Kind != TokenKind.LeftParen)
            throw Unexpected("pipeline", "a parser, a formatter, a label filter or \"unwrap\"");
        if (word.Kind == TokenKind.Identifier && !IsComparison(Next.Kind))
        {
            switch (word.Text)
            {
                case "json": Advance(); return new JsonParserStage(ParseExtractions(isJson: true));
                case "logfmt": Advance(); return ParseLogfmt();
                case "regexp": Advance(); return new RegexpParserStage(ParseCheckedString("regexp", text => GoRegex.WithNamedGroups(text), "regular expression"));
                case "pattern": Advance(); return new PatternParserStage(ParseCheckedString("pattern", text => LinePattern.ParseWithCaptures(text), "pattern"));
                case "unpack": Advance(); return new UnpackParserStage();
                case "line_format": Advance(); return new LineFormatStage(ParseCheckedString("line_format", text => Template.Parse(text), "template"));
                case "label_format": Advance(); return ParseLabelFormat();
                case "drop": Advance(); return new DropLabelsStage(ParseLabelSelections("drop"));
                case "keep": Advance(); return new KeepLabelsStage(ParseLabelSelections("keep"));
                case "decolorize": Advance(); return new DecolorizeStage();
            }
        }
        return new LabelFilterStage(ParseLabelFilter());
    }

    /// <summary><c>a="path", b</c> after <c>json</c> or <c>logfmt</c>; none when the next token is not a label name.</summary>
    private List<LabelExtraction> ParseExtractions(bool isJson)
    {
        var extractions = new List<LabelExtraction>();
        if (Current.Kind != TokenKind.Identifier) return extractions;
        do
        {
            var name = Expect(TokenKind.Identifier, isJson ? "json" : "logfmt", "label name");
            var source = name.Text;
            if (Accept(TokenKind.Assign))
            {
                var value = Expect(TokenKind.String, isJson ? "json" : "logfmt", "string");
                if (isJson) Validate(value, text => JsonPath.Parse(text), "JSON path");
                source = value.Value;
            }
            extractions.Add(new LabelExtraction(name.Text, source));
        }
        while (Accept(TokenKind.Comma));
        return extractions;
    }

    private LogfmtParserStage ParseLogfmt()
    {
        bool strict = false, keepEmpty = false;
        while (Current.Kind == TokenKind.Minus && Next.Kind == TokenKind.Minus)
        {
            Advance();
            Advance();
            if (AcceptWord("strict")) strict = true;
            else if (Current.IsWord("keep") && Next.Kind == TokenKind.Minus && Peek(2).IsWord("empty"))
            {
                Advance();
                Advance();
                Advance();
                keepEmpty = true;
            }
            else throw Unexpected("logfmt", "\"--strict\" or \"--keep-empty\"");
        }
        return new LogfmtParserStage(strict, keepEmpty, ParseExtractions(isJson: false));
    }

    private LabelFormatStage ParseLabelFormat()
    {
        var formattings = new List<LabelFormatting>();
        do
        {
            var name = Expect(TokenKind.Identifier, "label_format", "label name");
            if (formattings.Any(f => f.Name == name.Text))
                throw Error(name, $"multiple label name '{name.Text}' not allowed in a single format operation");
            Expect(TokenKind.Assign, "label_format", "\"=\"");
            if (Current.Kind == TokenKind.Identifier) formattings.Add(new LabelFormatting(name.Text, Advance().Text, null));
            else formattings.Add(new LabelFormatting(name.Text, null, ParseCheckedString("label_format", text => Template.Parse(text), "template")));
        }
        while (Accept(TokenKind.Comma));
        return new LabelFormatStage(formattings);
    }

    private List<LabelSelection> ParseLabelSelections(string context)
    {
        var selections = new List<LabelSelection>();
        do
        {
            if (Current.Kind == TokenKind.Identifier && Next.Kind is TokenKind.Assign or TokenKind.NotEqual or TokenKind.RegexMatch or TokenKind.RegexNotMatch)
            {
                var matcher = ParseMatcher(context);
                selections.Add(new LabelSelection(matcher.Name, matcher));
            }
            else selections.Add(new LabelSelection(Expect(TokenKind.Identifier, context, "label name").Text, null));
        }
        while (Accept(TokenKind.Comma));
        return selections;
    }

    /// <summary><c>unwrap name</c>, <c>unwrap duration(name)</c>, <c>unwrap duration_seconds(name)</c> or <c>unwrap bytes(name)</c>.</summary>
    private UnwrapExpr ParseUnwrap()
    {
        Advance();
        var conversion = UnwrapConversion.Number;
        if (Next.Kind == TokenKind.LeftParen && Current.Kind == TokenKind.Identifier)
        {
            conversion = Current.Text switch
            {
                "duration" or "duration_seconds" => UnwrapConversion.Duration,
                "bytes" => UnwrapConversion.Bytes,
                _ => throw Error(Current, $"invalid unwrap conversion {StringQuoting.Quote(Current.Text)}, expected duration, duration_seconds or bytes"),
            };
            Advance();
            Advance();
            var name = Expect(TokenKind.Identifier, "unwrap", "label name");
            Expect(TokenKind.RightParen, "unwrap", "\")\"");
            return new UnwrapExpr(name.Text, conversion, []);
        }
        return new UnwrapExpr(Expect(TokenKind.Identifier, "unwrap", "label name").Text, conversion, []);
    }

    private string ParseCheckedString(string context, Action<string> check, string what)
    {
        var value = Expect(TokenKind.String, context, "string");
        Validate(value, check, what);
        return value.Value;
    }

    /// <summary>Runs a stage's own parser over a string argument so its errors are parse errors at that string.</summary>
    private void Validate(Token value, Action<string>? check, string what)
    {
        try
        {
            check?.Invoke(value.Value);
        }
        catch (FormatException e)
        {
            throw Error(value, $"invalid {what} {StringQuoting.Quote(value.Value)}: {e.Message}");
        }
    }
}
