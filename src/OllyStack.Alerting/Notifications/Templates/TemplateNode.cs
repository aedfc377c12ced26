namespace OllyStack.Alerting.Notifications.Templates;

/// <summary>The parsed form of a template: text, actions and the control structures around them.</summary>
internal abstract record TemplateNode(int Line);

internal sealed record TextNode(string Text, int Line) : TemplateNode(Line);

/// <summary><c>{{ pipeline }}</c>: prints the result unless the pipeline declares a variable.</summary>
internal sealed record ActionNode(TemplatePipeline Pipeline, int Line) : TemplateNode(Line);

/// <summary><c>if</c> and <c>with</c> (which also rebinds the dot to the value), each with an optional else branch.</summary>
internal sealed record ConditionalNode(bool IsWith, TemplatePipeline Condition, IReadOnlyList<TemplateNode> Then, IReadOnlyList<TemplateNode> Else, int Line)
    : TemplateNode(Line);

internal sealed record RangeNode(TemplatePipeline Items, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode> Else, int Line) : TemplateNode(Line);

/// <summary><c>{{ template "name" pipeline }}</c>: runs a defined template with the dot set to the pipeline's value.</summary>
internal sealed record TemplateCallNode(string Name, TemplatePipeline? Argument, int Line) : TemplateNode(Line);

/// <param name="Variables">Variables the pipeline declares (<c>:=</c>) or assigns (<c>=</c>); in a range, the index and element.</param>
internal sealed record TemplatePipeline(IReadOnlyList<string> Variables, bool Declares, IReadOnlyList<TemplateCommand> Commands);

/// <summary>One stage of a pipeline: a function or method and its arguments, or a single value.</summary>
internal sealed record TemplateCommand(IReadOnlyList<TemplateOperand> Operands);

internal abstract record TemplateOperand;

/// <summary><c>.</c> or <c>.A.B</c>.</summary>
internal sealed record DotOperand(IReadOnlyList<string> Names) : TemplateOperand;

internal sealed record VariableOperand(string Name, IReadOnlyList<string> Names) : TemplateOperand;

/// <summary><c>(pipeline)</c>, optionally followed by a field chain.</summary>
internal sealed record ParenOperand(TemplatePipeline Pipeline, IReadOnlyList<string> Names) : TemplateOperand;

internal sealed record LiteralOperand(object? Value) : TemplateOperand;

internal sealed record FunctionOperand(string Name) : TemplateOperand;
