namespace OllyStack.Query.LogQL.Pipeline;

/// <summary><c>| pattern "..."</c>: when the line matches, each named capture becomes a label; otherwise nothing changes.</summary>
internal sealed class PatternParser(string pattern) : Stage
{
    private readonly LinePattern linePattern = LinePattern.ParseWithCaptures(pattern);

    public override bool Process(LineContext context)
    {
        linePattern.Match(context.Line, whole: false, context.Labels, static (labels, name, value) => labels.SetParsed(name, value));
        return true;
    }
}
