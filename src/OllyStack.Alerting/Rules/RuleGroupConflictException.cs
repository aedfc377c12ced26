namespace OllyStack.Alerting.Rules;

/// <summary>
/// A change the rules API may not make because the group lives in a file it does not own — a file with other groups,
/// or one in the configured extra folder. Nothing was changed; the message says which file to edit instead.
/// </summary>
public sealed class RuleGroupConflictException(string message) : Exception(message);
