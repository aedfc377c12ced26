namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// A function templates can call: how many arguments it takes (checked when the template is parsed, counting the
/// value a pipeline passes in last) and what it does with them.
/// </summary>
/// <param name="MaxArgs">-1 when any number from <paramref name="MinArgs"/> up is allowed.</param>
internal sealed record TemplateFunction(string Name, int MinArgs, int MaxArgs, Func<IReadOnlyList<object?>, AlertTemplateData, object?> Call)
{
    public bool Accepts(int count) => count >= MinArgs && (MaxArgs < 0 || count <= MaxArgs);

    public string DescribeArity() => MaxArgs < 0 ? $"at least {MinArgs}" : MinArgs == MaxArgs ? $"{MinArgs}" : $"{MinArgs} to {MaxArgs}";
}
