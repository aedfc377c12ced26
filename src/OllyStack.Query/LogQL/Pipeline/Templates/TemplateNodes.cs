namespace OllyStack.Query.LogQL.Pipeline.Templates;

/// <summary>A piece of a parsed template: text, an action that prints a pipeline's value, or a conditional.</summary>
internal abstract record TemplateNode;

internal sealed record TextNode(string Text) : TemplateNode;

/// <summary><c>{{ pipeline }}</c>: prints the pipeline's value.</summary>
internal sealed record ActionNode(TemplatePipeline Pipeline) : TemplateNode;

/// <summary><c>{{ if cond }} then {{ else }} otherwise {{ end }}</c>; <c>else if</c> nests another conditional in <see cref="Else"/>.</summary>
internal sealed record IfNode(TemplatePipeline Condition, List<TemplateNode> Then, List<TemplateNode> Else) : TemplateNode;

/// <summary>Commands joined by <c>|</c>: each command's value is passed as the last argument of the next.</summary>
internal sealed record TemplatePipeline(IReadOnlyList<TemplateCommand> Commands);

/// <summary>A function and its arguments, or a single operand.</summary>
internal sealed record TemplateCommand(IReadOnlyList<TemplateOperand> Operands);

internal abstract record TemplateOperand;

/// <summary><c>.name</c>: the label's value, or "" when the line has no such label.</summary>
internal sealed record FieldOperand(string Name) : TemplateOperand;

/// <summary>A string, number or boolean literal.</summary>
internal sealed record LiteralOperand(object Value) : TemplateOperand;

/// <summary>A function name; called with the operands after it (and the piped value last).</summary>
internal sealed record FunctionOperand(string Name, TemplateFunction Function) : TemplateOperand;

/// <summary><c>( pipeline )</c>.</summary>
internal sealed record PipelineOperand(TemplatePipeline Pipeline) : TemplateOperand;
