using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Rules.Templates;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Tests.Rules;

/// <summary>Prometheus (and Loki) rule files as people write them load into groups of parsed rules.</summary>
public sealed class RuleFileParserTests
{
    private static ParsedRuleFile Load(string name) =>
        RuleFileParser.ParseFile(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rules", "testdata", name)), name, "acme");

    [Fact]
    public void ANodeExporterRuleFileLoadsWholly()
    {
        var file = Load("node-exporter.yaml");

        Assert.Empty(file.Errors);
        Assert.Equal(["node-exporter", "node-exporter.rules"], file.Groups.Select(g => g.Name));
        var alerts = file.Groups[0];
        Assert.Equal(("acme", "node-exporter.yaml", null), (alerts.Tenant, alerts.File, alerts.Interval));
        Assert.Equal(["NodeFilesystemSpaceFillingUp", "NodeHighNumberConntrackEntriesUsed", "NodeClockNotSynchronising"], alerts.Rules.Select(r => r.Name));
        Assert.All(alerts.Rules, r => Assert.Equal(RuleKind.Alerting, r.Kind));
        Assert.All(alerts.Rules, r => Assert.IsType<PromQLRuleQuery>(r.Query));
        Assert.Equal(TimeSpan.FromHours(1), alerts.Rules[0].For);
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)), (alerts.Rules[2].For, alerts.Rules[2].KeepFiringFor));
        Assert.Equal(Labels.Of(("severity", "warning")), alerts.Rules[0].Labels);
        Assert.StartsWith("(\n  node_filesystem_avail_bytes", alerts.Rules[0].Query.Text);
        var recording = file.Groups[1];
        Assert.Equal(TimeSpan.FromSeconds(30), recording.Interval);
        Assert.All(recording.Rules, r => Assert.Equal(RuleKind.Recording, r.Kind));
        Assert.Equal(Labels.Of(("team", "infra")), recording.Rules[1].Labels);
    }

    [Fact]
    public void AnnotationsRenderForAnAlert()
    {
        var rule = Load("node-exporter.yaml").Groups[0].Rules[0];
        var data = new AlertTemplateData(Labels.Of(("device", "/dev/sda1"), ("mountpoint", "/"), ("instance", "db-1:9100")), 12.3456);

        var annotations = rule.RenderAnnotations(data);

        Assert.Equal(
            "Filesystem on /dev/sda1, mounted on /, at db-1:9100 has only 12.35% available space left and is filling up fast.",
            annotations.Get("description"));
        Assert.Equal("Filesystem is predicted to run out of space within the next 4 hours.", annotations.Get("summary"));
    }

    [Fact]
    public void GroupSettingsAndTemplatedLabelsLoad()
    {
        var slo = Load("services.yaml").Groups.Single(g => g.Name == "checkout-slo");

        Assert.Equal((TimeSpan.FromSeconds(15), 100, TimeSpan.FromMinutes(1)), (slo.Interval, slo.Limit, slo.QueryOffset));
        Assert.Equal(Labels.Of(("team", "payments")), slo.Labels);
        var highErrors = slo.Rules[1];
        Assert.Equal("critical", highErrors.RenderLabels(new AlertTemplateData(Labels.Of(("service", "checkout")), 0.3)).Get("severity"));
        Assert.Equal("warning", highErrors.RenderLabels(new AlertTemplateData(Labels.Of(("service", "checkout")), 0.1)).Get("severity"));
        Assert.Equal("checkout: 30% of calls fail", highErrors.RenderAnnotations(new AlertTemplateData(Labels.Of(("service", "checkout")), 0.3)).Get("summary"));
    }

    [Fact]
    public void AnExpressionThatIsOnlyLogQLIsALogRule()
    {
        var rule = Load("services.yaml").Groups.Single(g => g.Name == "log-errors").Rules[0];

        var query = Assert.IsType<LogQLRuleQuery>(rule.Query);
        Assert.Equal(QueryLanguage.LogQL, query.Language);
    }

    [Fact]
    public void AGroupsQueryLanguageAppliesToItsRulesUnlessARuleSaysOtherwise()
    {
        var rules = Load("services.yaml").Groups.Single(g => g.Name == "loki-style").Rules;

        Assert.Equal([QueryLanguage.LogQL, QueryLanguage.LogQL, QueryLanguage.PromQL], rules.Select(r => r.Query.Language));
        Assert.IsType<PromQLRuleQuery>(rules[2].Query);
    }

    [Fact]
    public void AnExpressionValidInBothLanguagesIsPromQLUnlessDeclared()
    {
        var file = RuleFileParser.ParseFile("""
            groups:
              - name: g
                rules:
                  - alert: A
                    expr: count_over_time({app="shop"}[5m]) > 0
            """, "f.yaml", "acme");

        Assert.IsType<PromQLRuleQuery>(file.Groups[0].Rules[0].Query);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("groups:\n")]
    [InlineData("groups: []\n")]
    public void AnEmptyFileHasNoGroupsAndNoErrors(string text)
    {
        var file = RuleFileParser.ParseFile(text, "f.yaml", "acme");

        Assert.Empty(file.Groups);
        Assert.Empty(file.Errors);
    }

    [Fact]
    public void AGroupWithoutRulesIsValid() =>
        Assert.Empty(RuleFileParser.ParseFile("groups:\n  - name: empty\n", "f.yaml", "acme").Groups.Single().Rules);

    [Fact]
    public void ARuleGroupSentAsJsonParses()
    {
        var parsed = RuleFileParser.ParseGroup(
            """{"name": "api", "interval": "1m", "rules": [{"alert": "Down", "expr": "up == 0", "for": "5m", "labels": {"severity": "page"}}]}""",
            "api.yaml", "acme", "api");

        Assert.Empty(parsed.Errors);
        var rule = parsed.Groups.Single().Rules.Single();
        Assert.Equal(("Down", TimeSpan.FromMinutes(5), "page"), (rule.Name, rule.For, rule.Labels.Get("severity")));
    }

    [Fact]
    public void JsonEscapesInARuleGroupAreRead()
    {
        var parsed = RuleFileParser.ParseGroup(
            """{"rules": [{"alert": "Ratio", "expr": "errors_total \/ requests_total > 0.1", "annotations": {"summary": "caf\u00e9 \"{{ $value }}\"\ttab"}}]}""",
            "api.yaml", "acme", "api");

        Assert.Empty(parsed.Errors);
        var rule = parsed.Groups.Single().Rules.Single();
        Assert.Equal("errors_total / requests_total > 0.1", rule.Query.Text);
        Assert.Equal("caf\u00e9 \"{{ $value }}\"\ttab", rule.Annotations.Get("summary"));
    }

    [Fact]
    public void ARuleGroupSentWithoutANameTakesTheOneItWasSentFor() =>
        Assert.Equal("api", RuleFileParser.ParseGroup("rules:\n  - record: a:b\n    expr: up\n", "api.yaml", "acme", "api").Groups.Single().Name);

    [Fact]
    public void TheExampleInTheDocumentationLoads()
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "OllyStack.slnx"))) repository = repository.Parent!;
        var documentation = File.ReadAllText(Path.Combine(repository.FullName, "docs", "alerting-rules.md"));
        var start = documentation.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var example = documentation[start..documentation.IndexOf("```", start, StringComparison.Ordinal)];

        var file = RuleFileParser.ParseFile(example, "example.yaml", "acme");

        Assert.Empty(file.Errors);
        Assert.Equal(["HighErrorRatio", "service:ollystack_span_calls:error_ratio5m"], file.Groups.Single().Rules.Select(r => r.Name));
    }
}
