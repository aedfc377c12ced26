using OllyStack.Alerting.Notifications.Templates;

namespace OllyStack.Alerting.Notifications.Configuration;

public static partial class AlertmanagerConfigParser
{
    /// <summary>Per attempt, where the configuration sets no timeout: a receiver that hangs is retried, not waited on forever.</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static Dictionary<string, ReceiverConfig> ParseReceivers(YamlSection root, GlobalConfig global)
    {
        var receivers = new Dictionary<string, ReceiverConfig>(StringComparer.Ordinal);
        foreach (var section in root.Sections("receivers"))
        {
            var name = section.String("name");
            if (string.IsNullOrEmpty(name)) throw YamlSection.Error(section.Node, section.FieldPath("name"), "missing name in receiver");
            if (receivers.ContainsKey(name)) throw section.Error("name", $"notification config name \"{name}\" is not unique");
            var receiver = new ReceiverConfig(
                name,
                section.Sections("webhook_configs").Select(s => ParseWebhook(s, global)).ToList(),
                section.Sections("slack_configs").Select(s => ParseSlack(s, global)).ToList(),
                section.Sections("alertmanager_configs").Select(s => ParseExternalAlertmanager(s, global)).ToList());
            section.Finish(key => key.EndsWith("_configs", StringComparison.Ordinal));
            receivers.Add(name, receiver);
        }
        return receivers;
    }

    private static WebhookConfig ParseWebhook(YamlSection section, GlobalConfig global)
    {
        var url = Url(section, "url") ?? throw YamlSection.Error(section.Node, section.FieldPath("url"), "one of url or url_file must be configured (url_file is not supported)");
        var config = new WebhookConfig(
            url,
            section.Bool("send_resolved", true),
            section.Int("max_alerts", 0, minimum: 0),
            ParseHttpConfig(section.Section("http_config"), global.HttpConfig),
            Timeout(section));
        section.Finish(key => key is "url_file");
        return config;
    }

    private static SlackConfig ParseSlack(YamlSection section, GlobalConfig global)
    {
        var url = Url(section, "api_url") ?? global.SlackApiUrl
            ?? throw YamlSection.Error(section.Node, section.FieldPath("api_url"), "no global Slack API URL set either inline or in global.slack_api_url");
        var message = new SlackMessageTemplates(
            Channel: Text(section, "channel", ""),
            Username: Text(section, "username", """{{ template "slack.default.username" . }}"""),
            Color: Text(section, "color", """{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}"""),
            Title: Text(section, "title", """{{ template "slack.default.title" . }}"""),
            TitleLink: Text(section, "title_link", """{{ template "slack.default.titlelink" . }}"""),
            Pretext: Text(section, "pretext", """{{ template "slack.default.pretext" . }}"""),
            Text: Text(section, "text", """{{ template "slack.default.text" . }}"""),
            Fallback: Text(section, "fallback", """{{ template "slack.default.fallback" . }}"""),
            Footer: Text(section, "footer", """{{ template "slack.default.footer" . }}"""),
            IconEmoji: Text(section, "icon_emoji", """{{ template "slack.default.iconemoji" . }}"""),
            IconUrl: Text(section, "icon_url", """{{ template "slack.default.iconurl" . }}"""));
        var config = new SlackConfig(
            url, section.Bool("send_resolved", false), ParseHttpConfig(section.Section("http_config"), global.HttpConfig), message,
            section.Bool("link_names", false));
        section.Finish(key => key is "api_url_file" or "fields" or "actions" or "short_fields" or "mrkdwn_in" or "callback_id"
            or "image_url" or "thumb_url" or "app_token" or "app_token_file" or "app_url" or "update_message" or "timeout");
        return config;
    }

    private static ExternalAlertmanagerConfig ParseExternalAlertmanager(YamlSection section, GlobalConfig global)
    {
        var url = Url(section, "url") ?? throw YamlSection.Error(section.Node, section.FieldPath("url"), "url must be configured");
        var config = new ExternalAlertmanagerConfig(
            url, section.Bool("send_resolved", true), ParseHttpConfig(section.Section("http_config"), global.HttpConfig), Timeout(section));
        section.Finish();
        return config;
    }

    private static TimeSpan Timeout(YamlSection section)
    {
        var timeout = section.Duration("timeout");
        return timeout is null || timeout == TimeSpan.Zero ? DefaultTimeout : timeout.Value;
    }

    private static Template Text(YamlSection section, string key, string defaultTemplate)
    {
        var text = section.String(key) ?? defaultTemplate;
        try
        {
            return Template.Parse(text);
        }
        catch (TemplateException e)
        {
            throw section.Error(key, "invalid template: " + e.Message);
        }
    }
}
