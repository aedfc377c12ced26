using System.Text.RegularExpressions;
using OllyStack.Query.LogQL.Syntax;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// <c>|=</c>, <c>!=</c>, <c>|~</c>, <c>!~</c>, <c>|&gt;</c>, <c>!&gt;</c>: keeps a line when one of the values matches (or,
/// negated, when none does). Substrings are case-sensitive; regexes match anywhere in the line; patterns must match
/// all of it.
/// </summary>
internal sealed class LineFilter : Stage
{
    private readonly string[] substrings = [];
    private readonly Regex[] regexes = [];
    private readonly LinePattern[] patterns = [];
    private readonly bool negated;

    public LineFilter(LineFilterStage stage)
    {
        negated = stage.Op is LineFilterOp.NotContains or LineFilterOp.NotRegex or LineFilterOp.NotPattern;
        switch (stage.Op)
        {
            case LineFilterOp.Contains or LineFilterOp.NotContains: substrings = [.. stage.Values]; break;
            case LineFilterOp.Regex or LineFilterOp.NotRegex: regexes = [.. stage.Values.Select(GoRegex.Unanchored)]; break;
            default: patterns = [.. stage.Values.Select(LinePattern.Parse)]; break;
        }
    }

    public override bool Process(LineContext context) => Matches(context.Line) != negated;

    private bool Matches(string line)
    {
        foreach (var substring in substrings)
            if (line.Contains(substring, StringComparison.Ordinal)) return true;
        foreach (var regex in regexes)
            if (regex.IsMatch(line)) return true;
        foreach (var pattern in patterns)
            if (pattern.Match<object?>(line, whole: true, null, null)) return true;
        return false;
    }
}
