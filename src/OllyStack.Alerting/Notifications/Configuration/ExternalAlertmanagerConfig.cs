namespace OllyStack.Alerting.Notifications.Configuration;

/// <summary>
/// An OllyStack receiver type (<c>alertmanager_configs</c>): forwards a group's alerts to an external Alertmanager by
/// POST <c>{Url}/api/v2/alerts</c>, as Prometheus does, leaving its grouping and notifying to that Alertmanager.
/// </summary>
public sealed record ExternalAlertmanagerConfig(Uri Url, bool SendResolved, HttpClientConfig HttpConfig, TimeSpan Timeout);
