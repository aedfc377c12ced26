using OllyStack.Alerting.Notifications.Templates;

namespace OllyStack.Alerting.Notifications.Configuration;

/// <summary>A Slack (or Slack-compatible: Mattermost, Rocket.Chat) incoming webhook and the templates of its message.</summary>
public sealed record SlackConfig(Uri ApiUrl, bool SendResolved, HttpClientConfig HttpConfig, SlackMessageTemplates Message, bool LinkNames);

/// <summary>The message fields, each a template run over the notification; defaults as in Alertmanager.</summary>
public sealed record SlackMessageTemplates(
    Template Channel, Template Username, Template Color, Template Title, Template TitleLink, Template Pretext,
    Template Text, Template Fallback, Template Footer, Template IconEmoji, Template IconUrl);
