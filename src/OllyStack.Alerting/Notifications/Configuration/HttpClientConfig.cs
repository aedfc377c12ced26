namespace OllyStack.Alerting.Notifications.Configuration;

/// <summary>
/// The part of Alertmanager's <c>http_config</c> OllyStack honours: one way to authenticate (<c>authorization</c>,
/// <c>basic_auth</c> or <c>bearer_token</c>) and <c>follow_redirects</c>.
/// </summary>
/// <param name="Authorization">The Authorization header value to send, if any.</param>
public sealed record HttpClientConfig(string? Authorization, bool FollowRedirects)
{
    public static HttpClientConfig Default { get; } = new(null, true);
}
