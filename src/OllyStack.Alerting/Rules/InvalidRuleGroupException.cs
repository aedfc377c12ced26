namespace OllyStack.Alerting.Rules;

/// <summary>A rule group sent to the store that is not valid; nothing was changed.</summary>
public sealed class InvalidRuleGroupException(IReadOnlyList<RuleFileError> errors)
    : Exception(string.Join("; ", errors.Select(e => e.ToString())))
{
    public IReadOnlyList<RuleFileError> Errors { get; } = errors;
}
