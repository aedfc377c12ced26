namespace OllyStack.Query.PromQL;

/// <summary>How a label matcher compares a label's value: <c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>.</summary>
public enum LabelMatchType
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}
