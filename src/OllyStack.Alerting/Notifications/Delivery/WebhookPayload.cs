using System.Text.Json;

namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>Alertmanager's webhook message (version 4), field for field, so existing webhook receivers work unchanged.</summary>
public static class WebhookPayload
{
    public static byte[] Write(Notification notification) => AlertJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("receiver", notification.Receiver);
        json.WriteString("status", notification.Status);
        json.WriteStartArray("alerts");
        foreach (var alert in notification.Alerts) WriteAlert(json, alert);
        json.WriteEndArray();
        AlertJson.WriteLabels(json, "groupLabels", notification.GroupLabels);
        AlertJson.WriteLabels(json, "commonLabels", notification.CommonLabels);
        AlertJson.WriteLabels(json, "commonAnnotations", notification.CommonAnnotations);
        json.WriteString("externalURL", notification.ExternalUrl);
        json.WriteString("version", "4");
        json.WriteString("groupKey", notification.GroupKey);
        json.WriteNumber("truncatedAlerts", notification.TruncatedAlerts);
        json.WriteEndObject();
    });

    private static void WriteAlert(Utf8JsonWriter json, Alert alert)
    {
        json.WriteStartObject();
        json.WriteString("status", Notification.StatusOf(alert));
        AlertJson.WriteLabels(json, "labels", alert.Labels);
        AlertJson.WriteLabels(json, "annotations", alert.Annotations);
        json.WriteString("startsAt", AlertJson.Time(alert.StartsAt));
        json.WriteString("endsAt", AlertJson.Time(alert.EndsAt));
        json.WriteString("generatorURL", alert.GeneratorUrl);
        json.WriteString("fingerprint", AlertFingerprint.Format(alert.Fingerprint));
        json.WriteEndObject();
    }
}
