namespace OllyStack.Alerting.Notifications.Configuration;

/// <summary>A named receiver and its integrations: everything a route that names it notifies.</summary>
public sealed record ReceiverConfig(
    string Name, IReadOnlyList<WebhookConfig> Webhooks, IReadOnlyList<SlackConfig> Slack, IReadOnlyList<ExternalAlertmanagerConfig> Alertmanagers);
