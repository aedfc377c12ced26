using OllyStack.Alerting.Notifications;
using OllyStack.Alerting.Notifications.Templates;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Tests.Notifications;

public sealed class TemplateTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static readonly Notification Sample = new(
        "team-checkout", "{}:{alertname=\"HighLatency\"}", Labels.Of(("alertname", "HighLatency")),
        [
            new Alert(Labels.Of(("alertname", "HighLatency"), ("instance", "a:80"), ("env", "prod")), Labels.Of(("summary", "slow on a")), Start, null, "http://gen/1"),
            new Alert(Labels.Of(("alertname", "HighLatency"), ("instance", "b:80"), ("env", "prod")), Labels.Of(("summary", "slow on b")), Start, Start.AddMinutes(3), "http://gen/2"),
        ],
        "http://ollystack.test");

    private static string Run(string template) => Template.Parse(template).Execute(new NotificationTemplateData(Sample));

    [Theory]
    [InlineData("{{ .CommonLabels.alertname }}", "HighLatency")]
    [InlineData("{{ .Status | toUpper }}", "FIRING")]
    [InlineData("{{ len .Alerts }} {{ len .Alerts.Firing }} {{ .Alerts.Resolved | len }}", "2 1 1")]
    [InlineData("{{ range .Alerts }}{{ .Labels.instance }}={{ .Status }};{{ end }}", "a:80=firing;b:80=resolved;")]
    [InlineData("{{ range $i, $a := .Alerts }}{{ $i }}:{{ $a.Annotations.summary }} {{ end }}", "0:slow on a 1:slow on b ")]
    [InlineData("{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}", "danger")]
    [InlineData("{{ if gt (len .Alerts.Firing) 5 }}many{{ else if .Alerts.Firing }}some{{ else }}none{{ end }}", "some")]
    [InlineData("{{ with .CommonLabels.missing }}x{{ else }}no {{ .Receiver }}{{ end }}", "no team-checkout")]
    [InlineData("{{ .CommonLabels.SortedPairs.Names | join \",\" }}", "alertname,env")]
    [InlineData("{{ (.CommonLabels.Remove .GroupLabels.Names).Values }}", "[prod]")]
    [InlineData("{{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}", "alertname=HighLatency env=prod ")]
    [InlineData("{{ index .CommonLabels \"env\" }}/{{ printf \"%s-%d-%.1f\" .Receiver 7 2.25 }}", "prod/team-checkout-7-2.2")]
    [InlineData("{{- /* a comment */ -}}\n  {{ $x := \"v\" }}{{ $x | title }}  {{- \"!\" }}", "V!")]
    [InlineData("{{ reReplaceAll \"(.*):80\" \"$1\" (index .Alerts 0).Labels.instance }} {{ match \"^a\" \"abc\" }}", "a true")]
    [InlineData("{{ (index .Alerts 1).EndsAt }}", "2026-11-24 12:03:00 +0000 UTC")]
    [InlineData("{{ define \"x\" }}[{{ . }}]{{ end }}{{ template \"x\" .Receiver }}", "[team-checkout]")]
    public void TheSubsetOfGoTemplatesAlertmanagerUsersWriteWorks(string template, string expected)
    {
        Assert.Equal(expected, Run(template));
    }

    [Fact]
    public void TheDefaultSlackTitleIsAlertmanagersSubject()
    {
        Assert.Equal("[FIRING:1] HighLatency (prod)", Run("{{ template \"slack.default.title\" . }}"));
    }

    [Theory]
    [InlineData("{{ .Nope }}", "can't evaluate field Nope")]
    [InlineData("{{ nope 1 }}", "function \"nope\" not defined")]
    [InlineData("{{ template \"missing\" . }}", "no such template")]
    public void FailuresAtRunTimeNameTheProblem(string template, string message)
    {
        Assert.Contains(message, Assert.Throws<TemplateException>(() => Run(template)).Message);
    }

    [Theory]
    [InlineData("{{ if .Status }}")]
    [InlineData("{{ end }}")]
    [InlineData("{{ .Status ")]
    [InlineData("{{ \"unterminated }}")]
    public void MalformedTemplatesDoNotParse(string template)
    {
        Assert.Throws<TemplateException>(() => Template.Parse(template));
    }
}
