namespace OllyStack.Alerting.Notifications.Templates;

/// <summary>
/// The named templates Alertmanager's own defaults refer to, written to give the same text: a Slack message is titled
/// <c>[FIRING:2] HighLatency checkout (cart prod)</c> (status, firing count, the group labels' values, then the other
/// common labels' values) and links to the alert list of the external URL.
/// </summary>
internal static class DefaultTemplates
{
    private const string Source = """
        {{ define "__alertmanager" }}OllyStack{{ end }}
        {{ define "__alertmanagerURL" }}{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}{{ end }}
        {{ define "__subject" }}[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ len .Alerts.Firing }}{{ end }}] {{ join " " .GroupLabels.SortedPairs.Values }}{{ if gt (len .CommonLabels) (len .GroupLabels) }} ({{ join " " (.CommonLabels.Remove .GroupLabels.Names).Values }}){{ end }}{{ end }}
        {{ define "__text_alert_list" }}{{ range . }}Labels:
        {{ range .Labels.SortedPairs }} - {{ .Name }} = {{ .Value }}
        {{ end }}Annotations:
        {{ range .Annotations.SortedPairs }} - {{ .Name }} = {{ .Value }}
        {{ end }}Source: {{ .GeneratorURL }}
        {{ end }}{{ end }}
        {{ define "slack.default.title" }}{{ template "__subject" . }}{{ end }}
        {{ define "slack.default.username" }}{{ template "__alertmanager" . }}{{ end }}
        {{ define "slack.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "slack.default.fallback" }}{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}{{ end }}
        {{ define "slack.default.text" }}{{ end }}
        {{ define "slack.default.pretext" }}{{ end }}
        {{ define "slack.default.footer" }}{{ end }}
        {{ define "slack.default.iconemoji" }}{{ end }}
        {{ define "slack.default.iconurl" }}{{ end }}
        """;

    public static IReadOnlyDictionary<string, IReadOnlyList<TemplateNode>> Definitions { get; } = TemplateParser.Parse(Source).Definitions;
}
