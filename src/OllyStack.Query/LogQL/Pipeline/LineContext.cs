using OllyStack.Query.LogQL.Pipeline.Templates;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>The line a pipeline is working on: its text as stages leave it, its time and its labels. One per query, reused per line.</summary>
internal sealed class LineContext : ITemplateScope
{
    public LabelsBuilder Labels { get; } = new();

    public string Line { get; set; } = "";

    public long TimestampUnixNano { get; set; }

    public string? Label(string name) => Labels.Get(name);
}
