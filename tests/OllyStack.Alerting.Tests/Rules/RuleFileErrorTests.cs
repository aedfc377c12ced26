using OllyStack.Alerting.Rules;

namespace OllyStack.Alerting.Tests.Rules;

/// <summary>
/// Every way a rule file can be wrong is reported as promtool reports it — file, line, column, group, rule and
/// reason — and the file's other groups still load.
/// </summary>
public sealed class RuleFileErrorTests
{
    // The bad group comes between two good ones, from line 6; "line" in each case is the line in this whole file.
    private const string Template = """
        groups:
          - name: before
            rules:
              - record: job:up:sum
                expr: sum by (job) (up)
        {0}
          - name: after
            rules:
              - alert: Down
                expr: up == 0
        """;

    public static TheoryData<string, int, int, string> BadGroups => new()
    {
        { "  - name: bad\n    intervall: 1m\n    rules: []", 7, 5, "group \"bad\": field intervall not found in rule group" },
        { "  - name: bad\n    interval: 5x", 7, 15, "group \"bad\": interval: not a valid duration string: \"5x\"" },
        { "  - name: bad\n    query_offset: soon", 7, 19, "group \"bad\": query_offset: not a valid duration string" },
        { "  - name: bad\n    limit: -1", 7, 12, "group \"bad\": limit must be a non-negative integer, not \"-1\"" },
        { "  - name: bad\n    query_language: sql", 7, 21, "group \"bad\": query_language must be promql or logql, not \"sql\"" },
        { "  - name: bad\n    labels: [a, b]", 7, 13, "group \"bad\": labels must be a mapping of names to values, not a list" },
        { "  - name: bad\n    labels:\n      __name__: x", 8, 7, "group \"bad\": invalid label name: __name__" },
        { "  - name: bad\n    rules: {alert: A}", 7, 12, "group \"bad\": rules must be a list of rules, not a mapping" },
        { "  - name: ''\n    rules: []", 6, 11, "group name must not be empty" },
        { "  - rules: []", 6, 5, "group name must not be empty" },
        { "  - name: before\n    rules: []", 6, 11, "group \"before\": groupname: \"before\" is repeated in the same file" },
        { "  - just a string", 6, 5, "a rule group must be a mapping with name and rules, not a scalar" },
        { "  - name: bad\n    rules:\n      - alert: A\n        record: a:b\n        expr: up", 8, 9, "group \"bad\", rule 1, \"A\": only one of 'record' and 'alert' must be set" },
        { "  - name: bad\n    rules:\n      - expr: up", 8, 9, "group \"bad\", rule 1, \"\": one of 'record' or 'alert' must be set" },
        { "  - name: bad\n    rules:\n      - alert: A", 8, 9, "group \"bad\", rule 1, \"A\": field 'expr' must be set in rule" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: ''", 9, 15, "group \"bad\", rule 1, \"A\": field 'expr' must be set in rule" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: sum(up", 9, 15, "group \"bad\", rule 1, \"A\": could not parse expression: 1:7: parse error: " },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: up[5m]", 9, 15, "expression must evaluate to an instant vector or a scalar, not a range vector" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: '{app=\"shop\"} |= \"error\"'", 9, 15, "a LogQL rule needs a metric query" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: sum(count_over_time({app=\"shop\"} |= \"error\" [5m])) by (", 9, 15, "could not parse expression as LogQL: 1:" },
        { "  - name: bad\n    query_language: logql\n    rules:\n      - alert: A\n        expr: up == 0", 10, 15, "could not parse expression as LogQL" },
        { "  - name: bad\n    rules:\n      - alert: A\n        query_language: logql\n        expr: up == 0", 10, 15, "could not parse expression as LogQL" },
        { "  - name: bad\n    rules:\n      - record: 1job:up\n        expr: up", 8, 17, "group \"bad\", rule 1, \"1job:up\": invalid recording rule name: 1job:up" },
        { "  - name: bad\n    rules:\n      - record: up{job=\"a\"}\n        expr: up", 8, 17, "braces present in the recording rule name; should it be in expr?: up{job=\"a\"}" },
        { "  - name: bad\n    rules:\n      - record: a:b\n        expr: up\n        for: 5m", 8, 17, "invalid field 'for' in recording rule" },
        { "  - name: bad\n    rules:\n      - record: a:b\n        expr: up\n        keep_firing_for: 5m", 8, 17, "invalid field 'keep_firing_for' in recording rule" },
        { "  - name: bad\n    rules:\n      - record: a:b\n        expr: up\n        annotations:\n          summary: x", 8, 17, "invalid field 'annotations' in recording rule" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: up\n        for: 5 minutes", 10, 14, "for: not a valid duration string: \"5 minutes\"" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: up\n        severity: page", 10, 9, "group \"bad\", rule 1, \"A\": field severity not found in rule" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: up\n        labels:\n          team-name: x", 11, 11, "invalid label name: team-name" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: up\n        labels:\n          __name__: x", 11, 11, "invalid label name: __name__" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: up\n        annotations:\n          run-book: x", 11, 11, "invalid annotation name: run-book" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: up\n        labels:\n          team: {a: b}", 11, 17, "labels team must be a string, not a mapping" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: up\n        annotations:\n          summary: '{{ $labels.instance }'", 11, 20, "annotation \"summary\": template: 1:21: unexpected character \"}\" in action" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: up\n        annotations:\n          summary: '{{ humanise $value }}'", 11, 20, "annotation \"summary\": template: 1:4: function \"humanise\" not defined" },
        { "  - name: bad\n    rules:\n      - alert: A\n        expr: up\n        labels:\n          severity: '{{ if $value }}page'", 11, 21, "label \"severity\": template: 1:20: unexpected end of template" },
        { "  - name: bad\n    rules:\n      - up == 0", 8, 9, "group \"bad\", rule 1, \"\": a rule must be a mapping with alert or record and expr, not a scalar" },
    };

    [Theory]
    [MemberData(nameof(BadGroups))]
    public void ABadGroupIsReportedAtItsLineAndTheOthersStillLoad(string badGroup, int line, int column, string reason)
    {
        var file = RuleFileParser.ParseFile(string.Format(Template, badGroup), "rules/acme/team.yaml", "acme");

        var error = Assert.Single(file.Errors);
        Assert.Contains(reason, error.ToString());
        Assert.StartsWith($"rules/acme/team.yaml:{line}:{column}: ", error.ToString());
        Assert.Equal(["before", "after"], file.Groups.Select(g => g.Name));
    }

    [Fact]
    public void ARecordingRulesLabelsAreNotTemplates()
    {
        var file = RuleFileParser.ParseFile(string.Format(Template, "  - name: ok\n    rules:\n      - record: a:b\n        expr: up\n        labels:\n          note: '{{ not a template'"), "f.yaml", "acme");

        Assert.Empty(file.Errors);
        Assert.Equal("{{ not a template", file.Groups[1].Rules[0].Labels.Get("note"));
    }

    [Fact]
    public void EveryErrorOfABadGroupIsReported()
    {
        var file = RuleFileParser.ParseFile("""
            groups:
              - name: bad
                rules:
                  - alert: A
                    expr: sum(
                  - record: a-b
                    expr: up
            """, "f.yaml", "acme");

        Assert.Collection(file.Errors,
            first => Assert.StartsWith("f.yaml:5:15: group \"bad\", rule 1, \"A\": could not parse expression: ", first.ToString()),
            second => Assert.Equal("f.yaml:6:17: group \"bad\", rule 2, \"a-b\": invalid recording rule name: a-b", second.ToString()));
        Assert.Empty(file.Groups);
        Assert.Equal(["bad"], file.GroupNames);
    }

    [Theory]
    [InlineData("groups:\n  - name: a\n   rules: []\n", 3, "yaml: ")]
    [InlineData("groups: [\n", 2, "yaml: ")]
    [InlineData("- name: a\n", 1, "a rule file must be a mapping with groups, not a list")]
    [InlineData("group:\n  - name: a\n", 1, "field group not found in rule file")]
    [InlineData("groups:\n  name: a\n", 2, "groups must be a list of rule groups, not a mapping")]
    [InlineData("groups: []\ngroups: []\n", 2, "yaml: ")]
    public void AFileThatIsNotARuleFileIsReportedWhole(string text, int line, string reason)
    {
        var file = RuleFileParser.ParseFile(text, "f.yaml", "acme");

        var error = Assert.Single(file.Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
        Assert.Empty(file.Groups);
    }

    [Theory]
    [InlineData("groups:\n  - name: api\n    rules: []\n", "expected one rule group (name, interval, rules), not a rule file with groups")]
    [InlineData("name: other\nrules: []\n", "the group is named \"other\" but was sent for group \"api\"")]
    [InlineData("[1, 2]", "a rule group must be a mapping with name and rules, not a list")]
    [InlineData("{\"name\": \"api\", \"rules\": [", "yaml: ")]
    public void ARuleGroupSentToTheApiIsRefusedWithTheReason(string body, string reason)
    {
        var parsed = RuleFileParser.ParseGroup(body, "api.yaml", "acme", "api");

        Assert.Contains(reason, Assert.Single(parsed.Errors).Reason);
        Assert.Empty(parsed.Groups);
    }
}
