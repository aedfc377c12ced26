namespace OllyStack.Alerting.Rules;

/// <summary>
/// What a rule file (or a rule group sent to the API) holds: the groups that are valid, the names of all groups it
/// declares, valid or not, and why the others were refused. A group with any error is refused whole; the file's
/// other groups are not affected.
/// </summary>
public sealed record ParsedRuleFile(IReadOnlyList<RuleGroup> Groups, IReadOnlyList<string> GroupNames, IReadOnlyList<RuleFileError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
