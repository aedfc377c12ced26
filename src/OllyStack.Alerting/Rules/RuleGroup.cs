using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Rules;

/// <summary>
/// A named list of rules of one tenant, evaluated in order (a recording rule may feed a later rule), loaded from
/// <see cref="File"/>. Immutable; a reload that changes a group makes a new one, keeping the instances of its
/// unchanged rules (<see cref="Rule"/>).
/// </summary>
public sealed class RuleGroup
{
    internal RuleGroup(string tenant, string name, string file, int line, TimeSpan? interval, int limit, TimeSpan? queryOffset, Labels labels, IReadOnlyList<Rule> rules)
    {
        Tenant = tenant;
        Name = name;
        File = file;
        Line = line;
        Interval = interval;
        Limit = limit;
        QueryOffset = queryOffset;
        Labels = labels;
        Rules = rules;
    }

    public string Tenant { get; }

    /// <summary>Unique among the tenant's groups.</summary>
    public string Name { get; }

    /// <summary>The rule file the group was loaded from.</summary>
    public string File { get; }

    /// <summary>The line of <see cref="File"/> the group starts at, from 1.</summary>
    public int Line { get; }

    /// <summary>How often interval-evaluated rules run; null when the group does not say (<see cref="RuleStore.DefaultInterval"/>).</summary>
    public TimeSpan? Interval { get; }

    /// <summary>The most alerts an alerting rule, or series a recording rule, may produce per evaluation; 0 is no limit.</summary>
    public int Limit { get; }

    /// <summary>How far back in time rules evaluate, to let late data arrive; null when the group does not say.</summary>
    public TimeSpan? QueryOffset { get; }

    /// <summary>Labels added to every rule's result (Prometheus 3); a rule's own labels of the same name win.</summary>
    public Labels Labels { get; }

    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Whether <paramref name="other"/> is written the same, rules included.</summary>
    public bool HasSameDefinition(RuleGroup other) =>
        Tenant == other.Tenant && Name == other.Name && File == other.File && Interval == other.Interval && Limit == other.Limit
        && QueryOffset == other.QueryOffset && Labels.Equals(other.Labels)
        && Rules.Count == other.Rules.Count && Rules.Zip(other.Rules).All(pair => pair.First.HasSameDefinition(pair.Second));

    /// <summary>
    /// This group with each rule replaced by an unchanged rule of <paramref name="previous"/> where there is one (matched
    /// by definition, in order), so rule instances — and the engine's state for them — survive a reload.
    /// </summary>
    internal RuleGroup KeepingRulesOf(RuleGroup previous)
    {
        var unused = previous.Rules.ToList();
        var rules = Rules.Select(rule =>
        {
            var match = unused.FindIndex(rule.HasSameDefinition);
            if (match < 0) return rule;
            var kept = unused[match];
            unused.RemoveAt(match);
            return kept;
        }).ToList();
        return new RuleGroup(Tenant, Name, File, Line, Interval, Limit, QueryOffset, Labels, rules);
    }

    public override string ToString() => $"{Tenant}/{Name} ({Rules.Count} rules, {File})";
}
