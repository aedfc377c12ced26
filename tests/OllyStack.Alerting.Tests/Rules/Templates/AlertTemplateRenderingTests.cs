using OllyStack.Alerting.Rules.Templates;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Tests.Rules.Templates;

/// <summary>Templates as Prometheus rule files write them, rendered for one alert.</summary>
public sealed class AlertTemplateRenderingTests
{
    private static readonly AlertTemplateData Alert = new(
        Labels.Of(("alertname", "HighErrorRate"), ("instance", "web-1.example.com:9100"), ("job", "api"), ("severity", "critical")),
        0.953,
        Labels.Of(("cluster", "eu-1")),
        "https://ollystack.example.com/alerting");

    [Theory]
    [InlineData("plain text, no actions", "plain text, no actions")]
    [InlineData("{{ $labels.instance }} is down", "web-1.example.com:9100 is down")]
    [InlineData("{{ .Labels.job }} at {{ .Value }}", "api at 0.953")]
    [InlineData("{{$labels.job}}/{{$value}}", "api/0.953")]
    [InlineData("{{ $labels.missing }}|", "|")]
    [InlineData("{{ $externalLabels.cluster }} {{ .ExternalLabels.cluster }}", "eu-1 eu-1")]
    [InlineData("{{ $externalURL }}", "https://ollystack.example.com/alerting")]
    [InlineData("{{ $value | humanizePercentage }}", "95.3%")]
    [InlineData("{{ humanize $value }}", "953m")]
    [InlineData("{{ printf \"%.2f\" $value }}", "0.95")]
    [InlineData("{{ $value | printf \"%.1f%%\" }}", "1.0%")]
    [InlineData("{{ $labels.job | toUpper }} {{ toLower \"LOUD\" }} {{ title \"hello wide_world\" }}", "API loud Hello Wide_world")]
    [InlineData("{{ reReplaceAll \"(.*):.*\" \"$1\" $labels.instance }}", "web-1.example.com")]
    [InlineData("{{ $labels.instance | stripPort }} {{ $labels.instance | stripDomain }}", "web-1.example.com web-1:9100")]
    [InlineData("{{ if match \"^web-\" $labels.instance }}web{{ end }}", "web")]
    [InlineData("{{ \"3600\" | humanizeDuration }}", "1h 0m 0s")]
    [InlineData("{{ parseDuration \"1h30m\" }}", "5400")]
    [InlineData("{{ pathPrefix }}", "/alerting")]
    public void RendersPrometheusStyleTemplates(string template, string expected) =>
        Assert.Equal(expected, AlertTemplate.Parse(template).Render(Alert));

    [Theory]
    [InlineData(0.95, "critical")]
    [InlineData(0.6, "warning")]
    [InlineData(0.1, "ok")]
    public void IfElseIfElseChoosesTheFirstTrueBranch(double value, string expected)
    {
        var template = AlertTemplate.Parse("{{ if gt $value 0.9 }}critical{{ else if gt $value 0.5 }}warning{{ else }}ok{{ end }}");

        Assert.Equal(expected, template.Render(Alert with { Value = value }));
    }

    [Theory]
    [InlineData("{{ if eq $labels.severity \"critical\" }}page{{ else }}ticket{{ end }}", "page")]
    [InlineData("{{ if ne $labels.job \"api\" }}other{{ else }}api{{ end }}", "api")]
    [InlineData("{{ if eq $labels.job \"web\" \"api\" }}one of them{{ end }}", "one of them")]
    [InlineData("{{ if lt $value 1 }}below one{{ end }}", "below one")]
    [InlineData("{{ if ge (len $labels) 4 }}many labels{{ end }}", "many labels")]
    [InlineData("{{ if and $labels.job (not $labels.team) }}no team{{ end }}", "no team")]
    [InlineData("{{ or $labels.team \"nobody\" }}", "nobody")]
    [InlineData("{{ if $labels.team }}team{{ else }}no team{{ end }}", "no team")]
    public void ComparisonsAndLogicWorkOnLabelsAndTheValue(string template, string expected) =>
        Assert.Equal(expected, AlertTemplate.Parse(template).Render(Alert));

    [Fact]
    public void WithSetsDotToItsValueOrTakesItsElse()
    {
        Assert.Equal("job api", AlertTemplate.Parse("{{ with $labels.job }}job {{ . }}{{ else }}none{{ end }}").Render(Alert));
        Assert.Equal("none", AlertTemplate.Parse("{{ with $labels.team }}team {{ . }}{{ else }}none{{ end }}").Render(Alert));
        Assert.Equal("eu-1", AlertTemplate.Parse("{{ with .ExternalLabels }}{{ .cluster }}{{ end }}").Render(Alert));
    }

    [Fact]
    public void RangeVisitsLabelsInNameOrder() =>
        Assert.Equal("alertname=HighErrorRate instance=web-1.example.com:9100 job=api severity=critical ",
            AlertTemplate.Parse("{{ range $name, $value := $labels }}{{ $name }}={{ $value }} {{ end }}").Render(Alert));

    [Fact]
    public void RangeOverNoLabelsTakesItsElse() =>
        Assert.Equal("no external labels",
            AlertTemplate.Parse("{{ range .ExternalLabels }}{{ . }}{{ else }}no external labels{{ end }}").Render(Alert with { ExternalLabels = Labels.Empty }));

    [Fact]
    public void TrimMarkersRemoveTheWhitespaceBesideAnAction()
    {
        const string template = """
            Instance:
              {{- range $name, $value := $labels }}
              {{- if eq $name "instance" }} {{ $value }}{{ end }}
              {{- end }}
            Job: {{ $labels.job -}}   .
            """;

        Assert.Equal("Instance: web-1.example.com:9100\nJob: api.", AlertTemplate.Parse(template).Render(Alert));
    }

    [Fact]
    public void ANegativeNumberIsNotATrimMarker() => Assert.Equal("x-3", AlertTemplate.Parse("x{{-3}}").Render(Alert));

    [Fact]
    public void CommentsWriteNothing() => Assert.Equal("ab", AlertTemplate.Parse("a{{/* why */}}b{{- /* trimmed */ -}} ").Render(Alert));

    [Fact]
    public void VariablesCanBeDeclaredAndReassigned() =>
        Assert.Equal("api-2", AlertTemplate.Parse("{{ $n := 1 }}{{ $n = 2 }}{{ $labels.job }}-{{ $n }}").Render(Alert));

    [Fact]
    public void AVariableDeclaredInABlockEndsWithIt() =>
        Assert.Equal("inner outer", AlertTemplate.Parse("{{ $x := \"outer\" }}{{ if true }}{{ $x := \"inner\" }}{{ $x }}{{ end }} {{ $x }}").Render(Alert));

    [Fact]
    public void ParenthesizedPipelinesAreArguments() =>
        Assert.Equal("WEB-1", AlertTemplate.Parse("{{ toUpper (reReplaceAll \"\\\\..*\" \"\" $labels.instance) }}").Render(Alert));

    [Fact]
    public void PrintJoinsLikeGo() =>
        Assert.Equal("a1 2b3", AlertTemplate.Parse("{{ print \"a\" 1 2 \"b\" 3 }}").Render(Alert));

    [Fact]
    public void StringLiteralsTakeGoEscapesAndRawStrings() =>
        Assert.Equal("tab\there \u00e9 `raw\\n`", AlertTemplate.Parse("{{ \"tab\\there \\u00e9\" }} `{{ `raw\\n` }}`").Render(Alert));

    [Fact]
    public void DataTheTemplateCannotUseRendersAnErrorInPlaceOfTheText()
    {
        var rendered = AlertTemplate.Parse("Load: {{ humanize $labels.job }}").Render(Alert);

        Assert.Equal("<error expanding template: 1:10: error calling humanize: strconv.ParseFloat: parsing \"api\": invalid syntax>", rendered);
    }

    [Theory]
    [InlineData("{{ $labels.job.name }}", "can't evaluate field name in type string")]
    [InlineData("{{ if gt $labels.job 1 }}x{{ end }}", "incompatible types for comparison")]
    [InlineData("{{ reReplaceAll \"(\" \"\" $labels.job }}", "error calling reReplaceAll: error parsing regexp")]
    [InlineData("{{ range $value }}x{{ end }}", "range can't iterate over 0.953")]
    public void RenderingErrorsSayWhatWentWrong(string template, string expected) =>
        Assert.Contains(expected, AlertTemplate.Parse(template).Render(Alert));

    [Fact]
    public void AMissingValuePrintsAsNoValue() =>
        Assert.Equal("<no value>", AlertTemplate.Parse("{{ with $labels }}{{ $.Value | printf \"%v\" | len | not | not | and nil }}{{ end }}").Render(Alert));
}
