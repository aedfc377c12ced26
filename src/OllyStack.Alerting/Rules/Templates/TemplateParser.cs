namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// Parses the text/template subset alert templates use (docs/alerting-rules.md), checking at parse time what Go only
/// finds when rendering: unknown functions, wrong argument counts, undefined variables, unknown fields of the alert's
/// data, arguments given to something that is not a function. A rule with a bad template is refused when it loads.
/// </summary>
internal sealed class TemplateParser
{
    /// <summary>The variables every alert template starts with, as Prometheus defines them.</summary>
    public static readonly IReadOnlyList<string> PredefinedVariables = ["$", "$labels", "$externalLabels", "$externalURL", "$value"];

    private static readonly HashSet<string> RootFields = new(StringComparer.Ordinal) { "Labels", "Value", "ExternalLabels", "ExternalURL" };

    private readonly string _text;
    private readonly List<TemplateToken> _tokens;
    private readonly List<string> _variables = [.. PredefinedVariables];
    private int _index;

    // Whether dot is still the alert's data (outside with and range), so fields of it can be checked.
    private bool _dotIsRoot = true;

    private TemplateParser(string text)
    {
        _text = text;
        _tokens = TemplateLexer.Tokenize(text);
    }

    /// <exception cref="TemplateParseException">The template is not valid.</exception>
    public static IReadOnlyList<TemplateNode> Parse(string text)
    {
        var parser = new TemplateParser(text);
        var (nodes, stop) = parser.ParseList();
        if (stop.Kind != TemplateTokenKind.EndOfInput) throw parser.Error(stop, $"unexpected {{{{{stop.Name}}}}}");
        return nodes;
    }

    /// <summary>Nodes up to the end of the template or an <c>{{end}}</c> or <c>{{else}}</c>, which is returned unconsumed past its keyword.</summary>
    private (List<TemplateNode> Nodes, TemplateToken Stop) ParseList()
    {
        var nodes = new List<TemplateNode>();
        while (true)
        {
            var token = Next();
            switch (token.Kind)
            {
                case TemplateTokenKind.EndOfInput:
                    return (nodes, token);
                case TemplateTokenKind.Text:
                    nodes.Add(new TextNode(token.Start, token.Name));
                    break;
                default:
                    var keyword = Peek();
                    if (keyword.IsKeyword("end") || keyword.IsKeyword("else")) return (nodes, Next());
                    nodes.Add(ParseAction());
                    break;
            }
        }
    }

    private TemplateNode ParseAction()
    {
        var first = Peek();
        if (first.Kind == TemplateTokenKind.Keyword)
        {
            Next();
            return first.Name switch
            {
                "if" or "with" => ParseConditional(first),
                "range" => ParseRange(first),
                _ => throw Error(first, $"{{{{{first.Name}}}}} is not supported in alert templates"),
            };
        }
        var pipeline = ParsePipeline("command", allowTwoVariables: false);
        Expect(TemplateTokenKind.RightDelim, "command");
        return new ActionNode(first.Start, pipeline);
    }

    private ConditionalNode ParseConditional(TemplateToken keyword)
    {
        var context = keyword.Name;
        var scope = _variables.Count;
        var dotWasRoot = _dotIsRoot;
        var condition = ParsePipeline(context, allowTwoVariables: false);
        Expect(TemplateTokenKind.RightDelim, context);
        if (context == "with") _dotIsRoot = false;
        var (then, stop) = ParseList();
        _dotIsRoot = dotWasRoot;
        IReadOnlyList<TemplateNode> otherwise = [];
        if (stop.IsKeyword("else"))
        {
            // {{else if ...}} / {{else with ...}} nests a conditional that takes the one {{end}} both share.
            if (Peek().IsKeyword(context)) otherwise = [ParseConditional(Next())];
            else otherwise = ParseElse(context);
        }
        else ExpectEnd(stop, context);
        _variables.RemoveRange(scope, _variables.Count - scope);
        return new ConditionalNode(keyword.Start, context == "with", condition, then, otherwise);
    }

    private RangeNode ParseRange(TemplateToken keyword)
    {
        var scope = _variables.Count;
        var dotWasRoot = _dotIsRoot;
        var pipeline = ParsePipeline("range", allowTwoVariables: true);
        Expect(TemplateTokenKind.RightDelim, "range");
        _dotIsRoot = false;
        var (body, stop) = ParseList();
        _dotIsRoot = dotWasRoot;
        IReadOnlyList<TemplateNode> otherwise = [];
        if (stop.IsKeyword("else")) otherwise = ParseElse("range");
        else ExpectEnd(stop, "range");
        _variables.RemoveRange(scope, _variables.Count - scope);
        return new RangeNode(keyword.Start, pipeline, body, otherwise);
    }

    private List<TemplateNode> ParseElse(string context)
    {
        Expect(TemplateTokenKind.RightDelim, "else");
        var (otherwise, stop) = ParseList();
        if (stop.IsKeyword("else")) throw Error(stop, $"expected end; found {{{{else}}}} (a {context} has one else)");
        ExpectEnd(stop, context);
        return otherwise;
    }

    private void ExpectEnd(TemplateToken stop, string context)
    {
        if (stop.Kind == TemplateTokenKind.EndOfInput) throw Error(stop, $"unexpected end of template: {{{{{context}}}}} has no {{{{end}}}}");
        Expect(TemplateTokenKind.RightDelim, "end");
    }

    /// <summary>[<c>$x :=</c> | <c>$x =</c> | <c>$k, $v :=</c>] command [<c>|</c> command]...</summary>
    private PipelineNode ParsePipeline(string context, bool allowTwoVariables)
    {
        var start = Peek();
        var (variables, isAssignment) = ParseDeclaration(context, allowTwoVariables);
        var commands = new List<CommandNode>();
        while (true)
        {
            commands.Add(ParseCommand(commands.Count));
            if (Peek().Kind != TemplateTokenKind.Pipe) break;
            Next();
        }
        return new PipelineNode(start.Start, variables, isAssignment, commands);
    }

    private (List<string> Variables, bool IsAssignment) ParseDeclaration(string context, bool allowTwoVariables)
    {
        var names = new List<TemplateToken>();
        var at = _index;
        while (_tokens[at].Kind == TemplateTokenKind.Variable)
        {
            names.Add(_tokens[at]);
            var after = _tokens[at + 1].Kind;
            if (after is TemplateTokenKind.Declare or TemplateTokenKind.Assign)
            {
                _index = at + 2;
                return (Declare(names, after == TemplateTokenKind.Assign, context), after == TemplateTokenKind.Assign);
            }
            if (after != TemplateTokenKind.Comma || !allowTwoVariables || names.Count == 2) break;
            at += 2;
        }
        if (names.Count == 2) throw Error(names[1], $"too many declarations in {context}");
        return ([], false);
    }

    private List<string> Declare(List<TemplateToken> names, bool isAssignment, string context)
    {
        if (names.Count == 2 && isAssignment) throw Error(names[0], $"{context} can only assign one variable");
        foreach (var name in names)
        {
            if (name.Name == "$") throw Error(name, "cannot declare or assign to $");
            if (isAssignment) RequireDefined(name);
            else _variables.Add(name.Name);
        }
        return names.Select(n => n.Name).ToList();
    }

    private CommandNode ParseCommand(int stage)
    {
        var start = Peek();
        var operands = new List<OperandNode>();
        while (Peek().Kind is not (TemplateTokenKind.Pipe or TemplateTokenKind.RightDelim or TemplateTokenKind.RightParen or TemplateTokenKind.EndOfInput))
            operands.Add(ParseOperand());
        if (operands.Count == 0) throw Error(Peek(), stage == 0 ? "missing value" : "missing command after '|'");
        var command = new CommandNode(start.Start, operands);
        CheckCommand(command, stage, start);
        return command;
    }

    /// <summary>What Go checks only when rendering: function arities and whether the first operand can be given arguments.</summary>
    private void CheckCommand(CommandNode command, int stage, TemplateToken start)
    {
        var first = command.Operands[0];
        if (first is FunctionNode function)
        {
            var count = command.Operands.Count - 1 + (stage > 0 ? 1 : 0);
            if (!function.Function.Accepts(count))
                throw Error(start, $"wrong number of args for {function.Function.Name}: want {function.Function.DescribeArity()} got {count}");
        }
        else if (stage > 0) throw Error(start, $"non executable command in pipeline stage {stage + 1}");
        else if (command.Operands.Count > 1) throw Error(start, $"can't give argument to non-function {_text[start.Start..start.End]}");
        else if (first is ConstantNode { Value: null }) throw Error(start, "nil is not a command");
        foreach (var argument in command.Operands.Skip(1).OfType<FunctionNode>())
            if (!argument.Function.Accepts(0))
                throw Error(start, $"wrong number of args for {argument.Function.Name}: want {argument.Function.DescribeArity()} got 0 (put it in parentheses with its arguments)");
    }

    private OperandNode ParseOperand()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TemplateTokenKind.Identifier:
                return new FunctionNode(token.Start, FindFunction(token));
            case TemplateTokenKind.Dot:
                return new FieldNode(token.Start, []);
            case TemplateTokenKind.Field:
                var fields = FieldsFrom(token);
                if (_dotIsRoot) CheckRootField(token, fields[0]);
                return new FieldNode(token.Start, fields);
            case TemplateTokenKind.Variable:
                RequireDefined(token);
                var path = AdjacentFields(token);
                if (token.Name == "$" && path.Count > 0) CheckRootField(token, path[0]);
                return new VariableNode(token.Start, token.Name, path);
            case TemplateTokenKind.String or TemplateTokenKind.Number or TemplateTokenKind.Bool or TemplateTokenKind.Nil:
                return new ConstantNode(token.Start, token.Value);
            case TemplateTokenKind.LeftParen:
                var pipeline = ParsePipeline("parenthesized pipeline", allowTwoVariables: false);
                var close = Expect(TemplateTokenKind.RightParen, "parenthesized pipeline");
                return new SubPipelineNode(token.Start, pipeline, AdjacentFields(close));
            default:
                throw Error(token, $"unexpected {token.Describe(_text)} in operand");
        }
    }

    private List<string> FieldsFrom(TemplateToken first)
    {
        var fields = new List<string> { first.Name };
        fields.AddRange(AdjacentFields(first));
        return fields;
    }

    /// <summary>Fields written right after a token with no space between (<c>$labels.job</c>, <c>(...).Value</c>).</summary>
    private List<string> AdjacentFields(TemplateToken after)
    {
        var fields = new List<string>();
        var end = after.End;
        while (Peek() is { Kind: TemplateTokenKind.Field } field && field.Start == end)
        {
            Next();
            fields.Add(field.Name);
            end = field.End;
        }
        return fields;
    }

    private TemplateFunction FindFunction(TemplateToken token)
    {
        if (TemplateFunctions.Find(token.Name) is { } function) return function;
        if (TemplateFunctions.Unsupported.Contains(token.Name))
            throw Error(token, $"function \"{token.Name}\" is not supported in alert templates (they cannot run queries)");
        throw Error(token, $"function \"{token.Name}\" not defined");
    }

    private void CheckRootField(TemplateToken token, string field)
    {
        if (!RootFields.Contains(field))
            throw Error(token, $"can't evaluate field {field}: the alert's data has .Labels, .Value, .ExternalLabels and .ExternalURL");
    }

    private void RequireDefined(TemplateToken variable)
    {
        if (!_variables.Contains(variable.Name)) throw Error(variable, $"undefined variable \"{variable.Name}\"");
    }

    private TemplateToken Expect(TemplateTokenKind kind, string context)
    {
        var token = Next();
        if (token.Kind != kind) throw Error(token, $"unexpected {token.Describe(_text)} in {context}");
        return token;
    }

    private TemplateToken Peek() => _tokens[_index];

    private TemplateToken Next() => _tokens[_index < _tokens.Count - 1 ? _index++ : _index];

    private TemplateParseException Error(TemplateToken token, string reason) => new(_text, token.Start, reason);
}
