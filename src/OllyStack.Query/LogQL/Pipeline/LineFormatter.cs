using System.Text;
using OllyStack.Query.LogQL.Pipeline.Templates;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary><c>| line_format "..."</c>: the line becomes the rendered template; if rendering fails the line stays as it was, marked <c>TemplateFormatErr</c>.</summary>
internal sealed class LineFormatter(string template) : Stage
{
    private readonly Template parsed = Template.Parse(template);
    private readonly StringBuilder output = new();

    public override bool Process(LineContext context)
    {
        output.Clear();
        try
        {
            parsed.Render(context, output);
            context.Line = output.ToString();
        }
        catch (TemplateException e)
        {
            context.Labels.SetError(PipelineErrors.TemplateFormat, e.Message);
        }
        return true;
    }
}
