namespace OllyStack.Storage.Index;

/// <summary>The four label matcher operators of PromQL and LogQL selectors.</summary>
public enum LabelMatchType
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}
