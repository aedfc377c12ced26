using System.Text;
using OllyStack.Query.LogQL.Pipeline.Templates;
using OllyStack.Query.LogQL.Syntax;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// <c>| label_format dst=src, dst="{{...}}"</c>. Every assignment reads the labels as they were before the stage, then
/// all are applied: a rename moves the value and removes the source label; a template sets the rendered text. A
/// template that fails marks the line <c>TemplateFormatErr</c> and leaves that label alone.
/// </summary>
internal sealed class LabelFormatter : Stage
{
    private readonly (string Name, string? Source, Template? Template)[] formattings;
    private readonly string?[] values;
    private readonly StringBuilder output = new();

    public LabelFormatter(IReadOnlyList<LabelFormatting> stage)
    {
        formattings = [.. stage.Select(f => (f.Name, f.SourceLabel, f.Template is null ? null : Template.Parse(f.Template)))];
        values = new string?[formattings.Length];
    }

    public override bool Process(LineContext context)
    {
        for (var i = 0; i < formattings.Length; i++) values[i] = Compute(formattings[i], context);
        for (var i = 0; i < formattings.Length; i++)
        {
            var (name, source, _) = formattings[i];
            if (values[i] is not { } value) continue;
            if (source is not null && source != name) context.Labels.Delete(source);
            context.Labels.Set(name, value);
        }
        return true;
    }

    private string? Compute((string Name, string? Source, Template? Template) formatting, LineContext context)
    {
        if (formatting.Source is { } source) return context.Labels.Get(source) ?? "";
        output.Clear();
        try
        {
            formatting.Template!.Render(context, output);
            return output.ToString();
        }
        catch (TemplateException e)
        {
            context.Labels.SetError(PipelineErrors.TemplateFormat, e.Message);
            return null;
        }
    }
}
