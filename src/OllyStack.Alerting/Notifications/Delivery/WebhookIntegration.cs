using OllyStack.Alerting.Notifications.Configuration;

namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>POSTs <see cref="WebhookPayload"/> to the configured URL.</summary>
public sealed class WebhookIntegration(string receiver, int index, WebhookConfig config, HttpSender http)
    : Integration(receiver, "webhook", index, config.SendResolved)
{
    public override Task SendAsync(Notification notification, TimeSpan groupInterval, CancellationToken cancellationToken) =>
        http.PostJsonAsync(config.Url, WebhookPayload.Write(notification.Truncate(config.MaxAlerts)), config.HttpConfig, config.Timeout, cancellationToken);
}
