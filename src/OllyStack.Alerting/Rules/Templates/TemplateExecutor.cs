using System.Text;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// Renders a parsed template against one alert's data with Go's semantics: missing labels are empty (Prometheus'
/// <c>missingkey=zero</c>), a variable lives until the <c>{{end}}</c> of the block that declared it, a pipeline's value
/// is the last argument of its next command.
/// </summary>
internal sealed class TemplateExecutor
{
    private readonly AlertTemplateData _data;
    private readonly StringBuilder _output = new();
    private readonly List<(string Name, object? Value)> _variables;

    // The command being run, for the position in an error's message.
    private int _position;

    private TemplateExecutor(AlertTemplateData data)
    {
        _data = data;
        _variables = [("$", data), ("$labels", data.Labels), ("$externalLabels", data.ExternalLabels), ("$externalURL", data.ExternalUrl), ("$value", data.Value)];
    }

    /// <exception cref="TemplateExecutionException">The data does not suit the template; its position says where.</exception>
    public static string Execute(IReadOnlyList<TemplateNode> nodes, AlertTemplateData data)
    {
        var executor = new TemplateExecutor(data);
        try
        {
            executor.Walk(nodes, data);
            return executor._output.ToString();
        }
        catch (TemplateExecutionException e) when (e.Position is null)
        {
            throw e.At(executor._position);
        }
    }

    private void Walk(IReadOnlyList<TemplateNode> nodes, object? dot)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    _output.Append(text.Text);
                    break;
                case ActionNode action:
                    var value = Evaluate(action.Pipeline, dot);
                    if (action.Pipeline.Variables.Count == 0) _output.Append(value is null ? "<no value>" : TemplateValues.Print(value));
                    break;
                case ConditionalNode conditional:
                    WalkConditional(conditional, dot);
                    break;
                case RangeNode range:
                    WalkRange(range, dot);
                    break;
            }
        }
    }

    private void WalkConditional(ConditionalNode conditional, object? dot)
    {
        var scope = _variables.Count;
        var value = Evaluate(conditional.Condition, dot);
        if (TemplateValues.IsTrue(value)) Walk(conditional.Then, conditional.SetsDot ? value : dot);
        else Walk(conditional.Else, dot);
        _variables.RemoveRange(scope, _variables.Count - scope);
    }

    private void WalkRange(RangeNode range, object? dot)
    {
        var scope = _variables.Count;
        var value = EvaluateCommands(range.Pipeline, dot);
        var labels = value switch
        {
            Labels l => l,
            null => Labels.Empty,
            _ => throw new TemplateExecutionException($"range can't iterate over {TemplateValues.Print(value)}"),
        };
        foreach (var label in labels)
        {
            var variables = range.Pipeline.Variables;
            if (variables.Count == 1) _variables.Add((variables[0], label.Value));
            if (variables.Count == 2)
            {
                _variables.Add((variables[0], label.Name));
                _variables.Add((variables[1], label.Value));
            }
            Walk(range.Body, label.Value);
            _variables.RemoveRange(scope, _variables.Count - scope);
        }
        if (labels.Count == 0) Walk(range.Else, dot);
    }

    /// <summary>The pipeline's value, declared or assigned to its variables.</summary>
    private object? Evaluate(PipelineNode pipeline, object? dot)
    {
        var value = EvaluateCommands(pipeline, dot);
        foreach (var name in pipeline.Variables)
        {
            if (pipeline.IsAssignment) _variables[_variables.FindLastIndex(v => v.Name == name)] = (name, value);
            else _variables.Add((name, value));
        }
        return value;
    }

    private object? EvaluateCommands(PipelineNode pipeline, object? dot)
    {
        object? value = null;
        for (var stage = 0; stage < pipeline.Commands.Count; stage++)
            value = EvaluateCommand(pipeline.Commands[stage], dot, stage > 0, value);
        return value;
    }

    private object? EvaluateCommand(CommandNode command, object? dot, bool hasFinal, object? final)
    {
        _position = command.Position;
        if (command.Operands[0] is not FunctionNode function) return EvaluateOperand(command.Operands[0], dot);
        var args = new List<object?>(command.Operands.Count);
        for (var i = 1; i < command.Operands.Count; i++) args.Add(EvaluateOperand(command.Operands[i], dot));
        if (hasFinal) args.Add(final);
        _position = command.Position;
        return function.Function.Call(args, _data);
    }

    private object? EvaluateOperand(OperandNode operand, object? dot) => operand switch
    {
        FieldNode field => Fields(dot, field.Path),
        VariableNode variable => Fields(_variables[_variables.FindLastIndex(v => v.Name == variable.Name)].Value, variable.Path),
        SubPipelineNode sub => Fields(EvaluateCommands(sub.Pipeline, dot), sub.Path),
        ConstantNode constant => constant.Value,
        FunctionNode function => function.Function.Call([], _data),
        _ => throw new InvalidOperationException($"unknown operand {operand}"),
    };

    private static object? Fields(object? receiver, IReadOnlyList<string> path)
    {
        foreach (var name in path) receiver = Field(receiver, name);
        return receiver;
    }

    private static object? Field(object? receiver, string name) => receiver switch
    {
        Labels labels => labels.Get(name),
        AlertTemplateData data => name switch
        {
            "Labels" => data.Labels,
            "Value" => data.Value,
            "ExternalLabels" => data.ExternalLabels,
            "ExternalURL" => data.ExternalUrl,
            _ => throw new TemplateExecutionException($"can't evaluate field {name} in the alert's data"),
        },
        null => throw new TemplateExecutionException($"nil pointer evaluating .{name}"),
        _ => throw new TemplateExecutionException($"can't evaluate field {name} in type {TemplateValues.GoTypeName(receiver)}"),
    };
}
