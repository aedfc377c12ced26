namespace OllyStack.Alerting.Notifications.Configuration;

/// <param name="MaxAlerts">At most this many alerts per message (0: all); the rest are counted in truncatedAlerts.</param>
/// <param name="Timeout">How long one attempt may take.</param>
public sealed record WebhookConfig(Uri Url, bool SendResolved, int MaxAlerts, HttpClientConfig HttpConfig, TimeSpan Timeout);
