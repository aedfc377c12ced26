using OllyStack.Query.LogQL.Syntax;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// <c>| drop a, b="v"</c> removes the named labels (one with a matcher only when its value matches);
/// <c>| keep a, b="v"</c> removes all the others (and a named one whose matcher does not match).
/// </summary>
internal sealed class LabelDropper(IReadOnlyList<LabelSelection> selections, bool keep) : Stage
{
    private readonly LabelSelection[] selections = [.. selections];
    private readonly bool keepSelected = keep;

    public override bool Process(LineContext context)
    {
        context.Labels.RemoveUnless(this, static (self, name, value) => self.Selects(name, value) == self.keepSelected);
        return true;
    }

    private bool Selects(string name, string value)
    {
        foreach (var selection in selections)
            if (selection.Name == name && (selection.Matcher is null || selection.Matcher.Matches(value))) return true;
        return false;
    }
}
