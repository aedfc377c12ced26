using OllyStack.Alerting.Notifications.Configuration;
using OllyStack.Alerting.Notifications.Templates;

namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>POSTs <see cref="SlackPayload"/> to a Slack-compatible incoming webhook.</summary>
public sealed class SlackIntegration(string receiver, int index, SlackConfig config, HttpSender http)
    : Integration(receiver, "slack", index, config.SendResolved)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public override Task SendAsync(Notification notification, TimeSpan groupInterval, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = SlackPayload.Write(notification, config.Message, config.LinkNames);
        }
        catch (TemplateException e)
        {
            // The same data would fail the same way again.
            throw new DeliveryException("template failed: " + e.Message, retryable: false);
        }
        return http.PostJsonAsync(config.ApiUrl, body, config.HttpConfig, Timeout, cancellationToken);
    }
}
