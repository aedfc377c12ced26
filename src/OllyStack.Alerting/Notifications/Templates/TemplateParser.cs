using System.Globalization;

namespace OllyStack.Alerting.Notifications.Templates;

/// <summary>Builds the node tree of a template from its segments; <c>define</c> blocks go to <see cref="Definitions"/>.</summary>
internal sealed class TemplateParser
{
    private readonly List<TemplateSegment> _segments;
    private int _next;

    private TemplateParser(string text) => _segments = TemplateLexer.Split(text);

    public Dictionary<string, IReadOnlyList<TemplateNode>> Definitions { get; } = new(StringComparer.Ordinal);

    public static (IReadOnlyList<TemplateNode> Body, Dictionary<string, IReadOnlyList<TemplateNode>> Definitions) Parse(string text)
    {
        var parser = new TemplateParser(text);
        var (body, stop) = parser.ParseList(topLevel: true);
        if (stop is not null) throw new TemplateException($"line {stop.Line}: unexpected {{{{{stop.Tokens![0].Text}}}}}");
        return (body, parser.Definitions);
    }

    /// <summary>Nodes up to an <c>end</c> or <c>else</c> action (returned, not consumed) or the end of the text (null).</summary>
    private (List<TemplateNode> Nodes, TemplateSegment? Stop) ParseList(bool topLevel)
    {
        var nodes = new List<TemplateNode>();
        while (_next < _segments.Count)
        {
            var segment = _segments[_next];
            if (segment.Tokens is null)
            {
                nodes.Add(new TextNode(segment.Text, segment.Line));
                _next++;
                continue;
            }
            var tokens = segment.Tokens;
            if (tokens.Count == 0) throw new TemplateException($"line {segment.Line}: missing value for command");
            var keyword = tokens[0].Kind == TemplateTokenKind.Identifier ? tokens[0].Text : "";
            if (keyword is "end" or "else") return (nodes, segment);
            _next++;
            switch (keyword)
            {
                case "if":
                case "with":
                    nodes.Add(ParseConditional(keyword == "with", tokens, 1, segment.Line));
                    break;
                case "range":
                    nodes.Add(ParseRange(tokens, segment.Line));
                    break;
                case "template":
                    nodes.Add(ParseTemplateCall(tokens, segment.Line));
                    break;
                case "define":
                    if (!topLevel) throw new TemplateException($"line {segment.Line}: define is only allowed at the top level");
                    ParseDefine(tokens, segment.Line);
                    break;
                case "block":
                    throw new TemplateException($"line {segment.Line}: block is not supported; use define and template");
                default:
                    nodes.Add(new ActionNode(ParsePipeline(tokens, 0, segment.Line), segment.Line));
                    break;
            }
        }
        return (nodes, null);
    }

    private ConditionalNode ParseConditional(bool isWith, IReadOnlyList<TemplateToken> tokens, int start, int line)
    {
        var condition = ParsePipeline(tokens, start, line);
        var (then, stop) = ParseList(topLevel: false);
        var otherwise = new List<TemplateNode>();
        var stopTokens = Expect(stop, line, isWith ? "with" : "if");
        _next++;
        if (stopTokens[0].Text == "else")
        {
            if (stopTokens.Count > 1 && stopTokens[1].Text is "if" or "with" && stopTokens[1].Kind == TemplateTokenKind.Identifier)
                // "else if" closes with the outer "end", so the nested conditional takes it.
                otherwise.Add(ParseConditional(stopTokens[1].Text == "with", stopTokens, 2, stop!.Line));
            else
            {
                if (stopTokens.Count > 1) throw new TemplateException($"line {stop!.Line}: unexpected tokens after else");
                (otherwise, stop) = ParseList(topLevel: false);
                ExpectEnd(stop, line, isWith ? "with" : "if");
            }
        }
        return new ConditionalNode(isWith, condition, then, otherwise, line);
    }

    private RangeNode ParseRange(IReadOnlyList<TemplateToken> tokens, int line)
    {
        var items = ParsePipeline(tokens, 1, line);
        if (items.Variables.Count > 2) throw new TemplateException($"line {line}: range declares at most two variables");
        var (body, stop) = ParseList(topLevel: false);
        var stopTokens = Expect(stop, line, "range");
        _next++;
        var otherwise = new List<TemplateNode>();
        if (stopTokens[0].Text == "else")
        {
            (otherwise, stop) = ParseList(topLevel: false);
            ExpectEnd(stop, line, "range");
        }
        return new RangeNode(items, body, otherwise, line);
    }

    private TemplateCallNode ParseTemplateCall(IReadOnlyList<TemplateToken> tokens, int line)
    {
        if (tokens.Count < 2 || tokens[1].Kind != TemplateTokenKind.String)
            throw new TemplateException($"line {line}: template needs a quoted name");
        var argument = tokens.Count > 2 ? ParsePipeline(tokens, 2, line) : null;
        return new TemplateCallNode(tokens[1].Text, argument, line);
    }

    private void ParseDefine(IReadOnlyList<TemplateToken> tokens, int line)
    {
        if (tokens.Count != 2 || tokens[1].Kind != TemplateTokenKind.String)
            throw new TemplateException($"line {line}: define needs exactly one quoted name");
        var (body, stop) = ParseList(topLevel: false);
        ExpectEnd(stop, line, "define");
        Definitions[tokens[1].Text] = body;
    }

    private static IReadOnlyList<TemplateToken> Expect(TemplateSegment? stop, int line, string opened) =>
        stop?.Tokens ?? throw new TemplateException($"line {line}: {opened} has no matching end");

    private void ExpectEnd(TemplateSegment? stop, int line, string opened)
    {
        var tokens = Expect(stop, line, opened);
        if (tokens[0].Text != "end" || tokens.Count > 1) throw new TemplateException($"line {stop!.Line}: expected end of {opened}");
        _next++;
    }

    private static TemplatePipeline ParsePipeline(IReadOnlyList<TemplateToken> tokens, int start, int line)
    {
        var position = start;
        var pipeline = ParsePipeline(tokens, ref position, line);
        if (position < tokens.Count) throw new TemplateException($"line {line}: unexpected {Describe(tokens[position])}");
        return pipeline;
    }

    private static TemplatePipeline ParsePipeline(IReadOnlyList<TemplateToken> tokens, ref int position, int line)
    {
        var (variables, declares) = ParseDeclarations(tokens, ref position);
        var commands = new List<TemplateCommand>();
        while (true)
        {
            var operands = new List<TemplateOperand>();
            while (position < tokens.Count && tokens[position].Kind is not (TemplateTokenKind.Pipe or TemplateTokenKind.RightParen))
                operands.Add(ParseOperand(tokens, ref position, line));
            if (operands.Count == 0) throw new TemplateException($"line {line}: missing value for command");
            commands.Add(new TemplateCommand(operands));
            if (position >= tokens.Count || tokens[position].Kind != TemplateTokenKind.Pipe) break;
            position++;
        }
        return new TemplatePipeline(variables, declares, commands);
    }

    /// <summary><c>$x :=</c>, <c>$x =</c> or <c>$i, $e :=</c> at the start of a pipeline.</summary>
    private static (List<string> Variables, bool Declares) ParseDeclarations(IReadOnlyList<TemplateToken> tokens, ref int position)
    {
        var variables = new List<string>();
        var scan = position;
        while (scan < tokens.Count && tokens[scan].Kind == TemplateTokenKind.Variable && tokens[scan].Names.Count == 0)
        {
            variables.Add(tokens[scan].Text);
            scan++;
            if (scan < tokens.Count && tokens[scan].Kind == TemplateTokenKind.Comma) scan++;
            else break;
        }
        if (variables.Count == 0 || scan >= tokens.Count || tokens[scan].Kind is not (TemplateTokenKind.Declare or TemplateTokenKind.Assign))
            return ([], false);
        var declares = tokens[scan].Kind == TemplateTokenKind.Declare;
        position = scan + 1;
        return (variables, declares);
    }

    private static TemplateOperand ParseOperand(IReadOnlyList<TemplateToken> tokens, ref int position, int line)
    {
        var token = tokens[position++];
        switch (token.Kind)
        {
            case TemplateTokenKind.Field: return new DotOperand(token.Names);
            case TemplateTokenKind.Variable: return new VariableOperand(token.Text, token.Names);
            case TemplateTokenKind.String: return new LiteralOperand(token.Text);
            case TemplateTokenKind.Number: return new LiteralOperand(ParseNumber(token.Text, line));
            case TemplateTokenKind.Identifier:
                return token.Text switch
                {
                    "true" => new LiteralOperand(true),
                    "false" => new LiteralOperand(false),
                    "nil" => new LiteralOperand(null),
                    _ => new FunctionOperand(token.Text),
                };
            case TemplateTokenKind.LeftParen:
            {
                var inner = ParsePipeline(tokens, ref position, line);
                if (position >= tokens.Count || tokens[position].Kind != TemplateTokenKind.RightParen)
                    throw new TemplateException($"line {line}: unclosed left paren");
                position++;
                IReadOnlyList<string> names = [];
                if (position < tokens.Count && tokens[position] is { Kind: TemplateTokenKind.Field, Spaced: false, Names.Count: > 0 } chain)
                {
                    names = chain.Names;
                    position++;
                }
                return new ParenOperand(inner, names);
            }
            default:
                throw new TemplateException($"line {line}: unexpected {Describe(token)}");
        }
    }

    private static object ParseNumber(string text, int line)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return integer;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
        throw new TemplateException($"line {line}: bad number syntax: {text}");
    }

    private static string Describe(TemplateToken token) => token.Kind switch
    {
        TemplateTokenKind.RightParen => "')'",
        TemplateTokenKind.Comma => "','",
        TemplateTokenKind.Declare => "':='",
        TemplateTokenKind.Assign => "'='",
        _ => $"\"{token.Text}\"",
    };
}
