namespace OllyStack.Alerting.Rules.Templates;

// The parsed template, as Go's text/template/parse names its nodes. Positions are offsets in the template text, for
// the messages of errors met while rendering.

internal abstract record TemplateNode(int Position);

internal sealed record TextNode(int Position, string Text) : TemplateNode(Position);

/// <summary><c>{{ pipeline }}</c>: writes the pipeline's value, unless the pipeline declares or assigns a variable.</summary>
internal sealed record ActionNode(int Position, PipelineNode Pipeline) : TemplateNode(Position);

/// <summary><c>{{ if }}</c> and <c>{{ with }}</c> (which also sets dot to the value); <c>else if</c> nests another.</summary>
internal sealed record ConditionalNode(int Position, bool SetsDot, PipelineNode Condition, IReadOnlyList<TemplateNode> Then, IReadOnlyList<TemplateNode> Else)
    : TemplateNode(Position);

/// <summary><c>{{ range $name, $value := $labels }}</c>: the body once per label, in name order; else when there are none.</summary>
internal sealed record RangeNode(int Position, PipelineNode Pipeline, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode> Else)
    : TemplateNode(Position);

/// <summary>Commands joined by '|', each command's value passed as the last argument of the next.</summary>
/// <param name="Variables">Variables the pipeline declares (<c>:=</c>) or assigns (<c>=</c>) its value to.</param>
internal sealed record PipelineNode(int Position, IReadOnlyList<string> Variables, bool IsAssignment, IReadOnlyList<CommandNode> Commands);

/// <summary>A function and its arguments, or a single operand.</summary>
internal sealed record CommandNode(int Position, IReadOnlyList<OperandNode> Operands);

internal abstract record OperandNode(int Position);

/// <summary><c>.Labels.instance</c>: fields looked up from dot (an empty path is dot itself).</summary>
internal sealed record FieldNode(int Position, IReadOnlyList<string> Path) : OperandNode(Position);

/// <summary><c>$labels.instance</c>: a variable and the fields looked up from it.</summary>
internal sealed record VariableNode(int Position, string Name, IReadOnlyList<string> Path) : OperandNode(Position);

/// <summary><c>(pipeline).Field</c>: a parenthesized pipeline and the fields looked up from its value.</summary>
internal sealed record SubPipelineNode(int Position, PipelineNode Pipeline, IReadOnlyList<string> Path) : OperandNode(Position);

/// <summary>A string, number or boolean literal, or nil.</summary>
internal sealed record ConstantNode(int Position, object? Value) : OperandNode(Position);

internal sealed record FunctionNode(int Position, TemplateFunction Function) : OperandNode(Position);
