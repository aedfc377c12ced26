using System.Text;

namespace OllyStack.Query.LogQL.Pipeline.Templates;

/// <summary>A parsed <c>line_format</c> or <c>label_format</c> template, rendered once per line; see <see cref="TemplateParser"/> for the syntax.</summary>
internal sealed class Template
{
    private readonly List<TemplateNode> nodes;

    private Template(List<TemplateNode> nodes) => this.nodes = nodes;

    /// <exception cref="FormatException">The template is malformed or calls an unknown function.</exception>
    public static Template Parse(string text) => new(TemplateParser.Parse(text));

    /// <summary>Appends the rendered template.</summary>
    /// <exception cref="TemplateException">A function failed on this line's values.</exception>
    public void Render(ITemplateScope scope, StringBuilder output) => Render(nodes, scope, output);

    private void Render(List<TemplateNode> list, ITemplateScope scope, StringBuilder output)
    {
        foreach (var node in list)
        {
            switch (node)
            {
                case TextNode text: output.Append(text.Text); break;
                case ActionNode action: output.Append(TemplateValues.ToText(Evaluate(action.Pipeline, scope))); break;
                case IfNode conditional:
                    Render(TemplateValues.IsTrue(Evaluate(conditional.Condition, scope)) ? conditional.Then : conditional.Else, scope, output);
                    break;
            }
        }
    }

    private object? Evaluate(TemplatePipeline pipeline, ITemplateScope scope)
    {
        object? value = null;
        for (var i = 0; i < pipeline.Commands.Count; i++) value = Evaluate(pipeline.Commands[i], scope, piped: i > 0, value);
        return value;
    }

    private object? Evaluate(TemplateCommand command, ITemplateScope scope, bool piped, object? pipedValue)
    {
        var operands = command.Operands;
        if (operands[0] is not FunctionOperand function)
        {
            if (operands.Count > 1 || piped) throw new TemplateException($"can't give argument to non-function {Describe(operands[0])}");
            return Evaluate(operands[0], scope);
        }
        var args = new object?[operands.Count - 1 + (piped ? 1 : 0)];
        for (var i = 1; i < operands.Count; i++) args[i - 1] = Evaluate(operands[i], scope);
        if (piped) args[^1] = pipedValue;
        return function.Function.Call(args, scope);
    }

    private object? Evaluate(TemplateOperand operand, ITemplateScope scope) => operand switch
    {
        FieldOperand field => scope.Label(field.Name) ?? "",
        LiteralOperand literal => literal.Value,
        FunctionOperand function => function.Function.Call([], scope),
        PipelineOperand inner => Evaluate(inner.Pipeline, scope),
        _ => throw new TemplateException("unknown operand"),
    };

    private static string Describe(TemplateOperand operand) => operand switch
    {
        FieldOperand field => "." + field.Name,
        LiteralOperand literal => TemplateValues.ToText(literal.Value),
        _ => "value",
    };
}
