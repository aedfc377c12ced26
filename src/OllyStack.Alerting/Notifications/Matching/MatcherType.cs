namespace OllyStack.Alerting.Notifications.Matching;

/// <summary>How a matcher compares a label's value: <c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>.</summary>
public enum MatcherType
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}
