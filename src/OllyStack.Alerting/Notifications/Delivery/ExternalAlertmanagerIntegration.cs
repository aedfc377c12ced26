using OllyStack.Alerting.Notifications.Configuration;

namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>
/// Forwards alerts to an external Alertmanager through its v2 API (POST <c>/api/v2/alerts</c>, an array of postable
/// alerts), as Prometheus does. Firing alerts are sent at every flush with an end time four group intervals ahead
/// (Prometheus uses four resend delays), so a few lost flushes do not resolve them there, while alerts OllyStack
/// stops sending do resolve.
/// </summary>
public sealed class ExternalAlertmanagerIntegration(string receiver, int index, ExternalAlertmanagerConfig config, HttpSender http, TimeProvider time)
    : Integration(receiver, "alertmanager", index, config.SendResolved)
{
    private const int ValidForGroupIntervals = 4;

    private readonly Uri _alertsUrl = new(config.Url.AbsoluteUri.TrimEnd('/') + "/api/v2/alerts");

    public override bool ResendsEveryFlush => true;

    public override Task SendAsync(Notification notification, TimeSpan groupInterval, CancellationToken cancellationToken)
    {
        var validUntil = time.GetUtcNow() + ValidForGroupIntervals * groupInterval;
        var body = AlertJson.Write(json =>
        {
            json.WriteStartArray();
            foreach (var alert in notification.Alerts)
            {
                json.WriteStartObject();
                AlertJson.WriteLabels(json, "labels", alert.Labels);
                AlertJson.WriteLabels(json, "annotations", alert.Annotations);
                json.WriteString("startsAt", AlertJson.Time(alert.StartsAt));
                json.WriteString("endsAt", AlertJson.Time(alert.EndsAt ?? validUntil));
                json.WriteString("generatorURL", alert.GeneratorUrl);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
        return http.PostJsonAsync(_alertsUrl, body, config.HttpConfig, config.Timeout, cancellationToken);
    }
}
