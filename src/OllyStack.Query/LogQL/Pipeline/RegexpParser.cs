using System.Text.RegularExpressions;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary><c>| regexp "..."</c>: when the regex matches anywhere in the line, each named group that took part becomes a label; otherwise nothing changes.</summary>
internal sealed class RegexpParser : Stage
{
    private readonly Regex regex;
    private readonly (int Number, string Name)[] groups;

    public RegexpParser(string pattern)
    {
        regex = GoRegex.WithNamedGroups(pattern);
        groups = [.. regex.GetGroupNames().Where(n => !int.TryParse(n, out _)).Select(n => (regex.GroupNumberFromName(n), n))];
    }

    public override bool Process(LineContext context)
    {
        var match = regex.Match(context.Line);
        if (!match.Success) return true;
        foreach (var (number, name) in groups)
            if (match.Groups[number] is { Success: true } group) context.Labels.SetParsed(name, group.Value);
        return true;
    }
}
