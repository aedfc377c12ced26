using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OllyStack.Alerting.Rules;

/// <summary>Collects the errors of one rule file, each tagged with the group and rule being read when it was found.</summary>
internal sealed class RuleErrorScope(string file, List<RuleFileError> errors, string? group = null, int? ruleNumber = null, string? ruleName = null)
{
    private int _count;

    /// <summary>How many errors were reported through this scope (not its parent's or children's).</summary>
    public int Count => _count;

    public RuleErrorScope ForGroup(string group) => new(file, errors, group);

    public RuleErrorScope ForRule(int number, string name) => new(file, errors, group, number, name);

    public void Report(YamlNode at, string reason) => Report(at.Start, reason);

    public void Report(Mark at, string reason)
    {
        _count++;
        errors.Add(new RuleFileError(file, (int)at.Line, (int)at.Column, reason) { Group = group, RuleNumber = ruleNumber, RuleName = ruleName });
    }
}
