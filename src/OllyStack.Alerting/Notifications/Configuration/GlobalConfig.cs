namespace OllyStack.Alerting.Notifications.Configuration;

/// <param name="ResolveTimeout">How long an alert that came without an end time counts as firing after it was last received.</param>
/// <param name="SlackApiUrl">The incoming-webhook URL slack_configs use when they name none.</param>
/// <param name="HttpConfig">What receivers use when they have no http_config of their own.</param>
public sealed record GlobalConfig(TimeSpan ResolveTimeout, Uri? SlackApiUrl, HttpClientConfig HttpConfig)
{
    public static GlobalConfig Default { get; } = new(TimeSpan.FromMinutes(5), null, HttpClientConfig.Default);
}
