using OllyStack.Query.Api;

namespace OllyStack.Alerting.Rules.Api;

/// <summary>
/// The filters of <c>GET /api/v1/rules</c>, as Prometheus reads them: <c>type=alert|record</c>, and any number of
/// <c>rule_name[]</c>, <c>rule_group[]</c> and <c>file[]</c> (a rule passes when it matches one of each given);
/// <c>exclude_alerts=true</c> leaves the alerts out.
/// </summary>
internal sealed record RulesFilter(RuleKind? Kind, IReadOnlySet<string> RuleNames, IReadOnlySet<string> GroupNames, IReadOnlySet<string> Files, bool ExcludeAlerts)
{
    /// <exception cref="ApiException">A parameter has a value Prometheus refuses.</exception>
    public static RulesFilter From(ApiParameters parameters)
    {
        var kind = parameters.Get("type") switch
        {
            null or "" => (RuleKind?)null,
            "alert" => RuleKind.Alerting,
            "record" => RuleKind.Recording,
            var other => throw ApiException.BadData($"invalid parameter \"type\": not supported value \"{other}\""),
        };
        var exclude = parameters.Get("exclude_alerts") switch
        {
            null or "" or "false" => false,
            "true" => true,
            var other => throw ApiException.BadData($"invalid parameter \"exclude_alerts\": not a boolean: \"{other}\""),
        };
        return new RulesFilter(kind, Set(parameters, "rule_name[]"), Set(parameters, "rule_group[]"), Set(parameters, "file[]"), exclude);
    }

    /// <summary>Whether rule-level filters are given, which leave out groups none of whose rules pass.</summary>
    public bool FiltersRules => Kind is not null || RuleNames.Count > 0;

    public bool Passes(RuleGroup group) =>
        (GroupNames.Count == 0 || GroupNames.Contains(group.Name)) && (Files.Count == 0 || Files.Contains(group.File));

    public bool Passes(Rule rule) => (Kind is null || rule.Kind == Kind) && (RuleNames.Count == 0 || RuleNames.Contains(rule.Name));

    private static HashSet<string> Set(ApiParameters parameters, string name) => parameters.All(name).ToHashSet(StringComparer.Ordinal);
}
