namespace OllyStack.Alerting.Rules;

/// <summary>Prometheus' classic name rules, which the rest of OllyStack's PromQL follows too.</summary>
internal static class RuleNames
{
    /// <summary><c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>: what a recording rule may record as.</summary>
    public static bool IsMetricName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    /// <summary><c>[a-zA-Z_][a-zA-Z0-9_]*</c>: label and annotation names.</summary>
    public static bool IsLabelName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
