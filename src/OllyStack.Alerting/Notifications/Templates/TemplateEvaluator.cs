using System.Text;

namespace OllyStack.Alerting.Notifications.Templates;

/// <summary>Runs a parsed template over data, writing into one buffer; variables live on a stack popped per block.</summary>
internal sealed class TemplateEvaluator(IReadOnlyDictionary<string, IReadOnlyList<TemplateNode>> definitions)
{
    /// <summary>Stops a template that calls itself without end.</summary>
    private const int MaxDepth = 100;

    private readonly StringBuilder _output = new();
    private readonly List<(string Name, object? Value)> _variables = [];
    private int _depth;

    public string Run(IReadOnlyList<TemplateNode> nodes, object? data)
    {
        _variables.Add(("$", data));
        Execute(nodes, data);
        return _output.ToString();
    }

    private void Execute(IReadOnlyList<TemplateNode> nodes, object? dot)
    {
        var mark = _variables.Count;
        foreach (var node in nodes) Execute(node, dot);
        _variables.RemoveRange(mark, _variables.Count - mark);
    }

    private void Execute(TemplateNode node, object? dot)
    {
        try
        {
            switch (node)
            {
                case TextNode text:
                    _output.Append(text.Text);
                    break;
                case ActionNode action:
                    var value = Evaluate(action.Pipeline, dot);
                    if (action.Pipeline.Variables.Count == 0) TemplateValues.Append(_output, value);
                    break;
                case ConditionalNode conditional:
                    ExecuteConditional(conditional, dot);
                    break;
                case RangeNode range:
                    ExecuteRange(range, dot);
                    break;
                case TemplateCallNode call:
                    ExecuteCall(call, dot);
                    break;
            }
        }
        catch (TemplateException e) when (!e.Message.StartsWith("line ", StringComparison.Ordinal))
        {
            throw new TemplateException($"line {node.Line}: {e.Message}");
        }
    }

    private void ExecuteConditional(ConditionalNode node, object? dot)
    {
        var mark = _variables.Count;
        var value = Evaluate(node.Condition, dot);
        if (TemplateValues.IsTrue(value)) Execute(node.Then, node.IsWith ? value : dot);
        else Execute(node.Else, dot);
        _variables.RemoveRange(mark, _variables.Count - mark);
    }

    private void ExecuteRange(RangeNode node, object? dot)
    {
        var mark = _variables.Count;
        var items = Evaluate(node.Items with { Variables = [] }, dot);
        var entries = items switch
        {
            ITemplateMap map => map.Entries.Select(e => ((object?)e.Key, e.Value)).ToList(),
            _ => TemplateValues.AsList(items)?.Select((item, index) => ((object?)(long)index, item)).ToList()
                 ?? (items is null ? [] : throw new TemplateException($"range can't iterate over {TemplateValues.Print(items)}")),
        };
        foreach (var (key, item) in entries)
        {
            DeclareRangeVariables(node.Items.Variables, key, item);
            Execute(node.Body, item);
            _variables.RemoveRange(mark, _variables.Count - mark);
        }
        if (entries.Count == 0) Execute(node.Else, dot);
    }

    private void DeclareRangeVariables(IReadOnlyList<string> variables, object? key, object? item)
    {
        if (variables.Count == 1) _variables.Add((variables[0], item));
        if (variables.Count != 2) return;
        _variables.Add((variables[0], key));
        _variables.Add((variables[1], item));
    }

    private void ExecuteCall(TemplateCallNode call, object? dot)
    {
        if (!definitions.TryGetValue(call.Name, out var body)) throw new TemplateException($"no such template \"{call.Name}\"");
        if (++_depth > MaxDepth) throw new TemplateException($"exceeded maximum template depth ({MaxDepth})");
        var argument = call.Argument is null ? null : Evaluate(call.Argument, dot);
        // A called template sees only its own $ (its argument), as in Go.
        var saved = _variables.ToList();
        _variables.Clear();
        _variables.Add(("$", argument));
        Execute(body, argument);
        _variables.Clear();
        _variables.AddRange(saved);
        _depth--;
    }

    private object? Evaluate(TemplatePipeline pipeline, object? dot)
    {
        object? value = null;
        var piped = false;
        foreach (var command in pipeline.Commands)
        {
            value = Evaluate(command, dot, piped ? value : null, piped);
            piped = true;
        }
        foreach (var name in pipeline.Variables)
        {
            if (pipeline.Declares) _variables.Add((name, value));
            else Assign(name, value);
        }
        return value;
    }

    private void Assign(string name, object? value)
    {
        var index = _variables.FindLastIndex(v => v.Name == name);
        if (index < 0) throw new TemplateException($"undefined variable: {name}");
        _variables[index] = (name, value);
    }

    /// <summary>A function call, a method call with arguments, or a single value; a piped value is the last argument.</summary>
    private object? Evaluate(TemplateCommand command, object? dot, object? pipedValue, bool piped)
    {
        var first = command.Operands[0];
        var arguments = command.Operands.Skip(1).Select(o => EvaluateOperand(o, dot)).ToList();
        if (piped) arguments.Add(pipedValue);
        switch (first)
        {
            case FunctionOperand function:
                return TemplateFunctions.Call(function.Name, arguments);
            case DotOperand { Names.Count: > 0 } field when arguments.Count > 0:
                return Member(Fields(dot, field.Names.Take(field.Names.Count - 1)), field.Names[^1], arguments);
            case VariableOperand { Names.Count: > 0 } variable when arguments.Count > 0:
                return Member(Fields(Variable(variable.Name), variable.Names.Take(variable.Names.Count - 1)), variable.Names[^1], arguments);
            default:
                if (arguments.Count > 0) throw new TemplateException($"can't give argument to non-function {Describe(first)}");
                return EvaluateOperand(first, dot);
        }
    }

    private object? EvaluateOperand(TemplateOperand operand, object? dot) => operand switch
    {
        DotOperand field => Fields(dot, field.Names),
        VariableOperand variable => Fields(Variable(variable.Name), variable.Names),
        ParenOperand paren => Fields(Evaluate(paren.Pipeline, dot), paren.Names),
        LiteralOperand literal => literal.Value,
        FunctionOperand function => TemplateFunctions.Call(function.Name, []),
        _ => throw new TemplateException("unknown operand"),
    };

    private object? Variable(string name)
    {
        var index = _variables.FindLastIndex(v => v.Name == name);
        return index >= 0 ? _variables[index].Value : throw new TemplateException($"undefined variable: {name}");
    }

    private static object? Fields(object? value, IEnumerable<string> names)
    {
        foreach (var name in names) value = Member(value, name, []);
        return value;
    }

    private static object? Member(object? receiver, string name, IReadOnlyList<object?> arguments)
    {
        if (receiver is ITemplateObject target && target.TryGetMember(name, arguments, out var value)) return value;
        if (receiver is null) throw new TemplateException($"nil pointer evaluating .{name}");
        throw new TemplateException(arguments.Count == 0
            ? $"can't evaluate field {name} in {TemplateValues.Print(receiver)}"
            : $"can't call method {name} with {arguments.Count} argument(s) on {TemplateValues.Print(receiver)}");
    }

    private static string Describe(TemplateOperand operand) => operand switch
    {
        DotOperand field => "." + string.Join('.', field.Names),
        VariableOperand variable => variable.Name + string.Concat(variable.Names.Select(n => "." + n)),
        LiteralOperand literal => TemplateValues.Print(literal.Value),
        _ => "(...)",
    };
}
