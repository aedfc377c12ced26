namespace OllyStack.Alerting.Rules;

/// <summary>
/// Why a rule file, a group or a rule was refused, and where: the file, the line and column (from 1) of the YAML that
/// is wrong, and the group and rule it belongs to, written as promtool writes them:
/// <c>rules/acme/api.yaml:12:15: group "api", rule 2, "HighLatency": could not parse expression: ...</c>.
/// </summary>
public sealed record RuleFileError(string File, int Line, int Column, string Reason)
{
    public string? Group { get; init; }

    /// <summary>The rule's position in its group, from 1.</summary>
    public int? RuleNumber { get; init; }

    public string? RuleName { get; init; }

    public override string ToString()
    {
        var context = new List<string>(2);
        if (Group is not null) context.Add($"group \"{Group}\"");
        if (RuleNumber is not null) context.Add($"rule {RuleNumber}, \"{RuleName}\"");
        var where = context.Count == 0 ? "" : string.Join(", ", context) + ": ";
        return $"{File}:{Line}:{Column}: {where}{Reason}";
    }
}
