using System.Globalization;
using System.Text.Json;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>The firing alerts, as (alertname, instance), in the two formats the receiver takes.</summary>
public static class AlertPayloads
{
    /// <summary>
    /// Alertmanager's <c>POST /api/v2/alerts</c> body, which Prometheus' notifier sends: an array of alerts. Prometheus
    /// marks an alert as firing by an end in the future (a few evaluation intervals ahead) and a resolved one by its
    /// end in the past.
    /// </summary>
    public static List<(string AlertName, string Instance)> FromAlertmanagerApi(JsonElement body, DateTimeOffset now)
    {
        var firing = new List<(string, string)>();
        if (body.ValueKind != JsonValueKind.Array) return firing;
        foreach (var alert in body.EnumerateArray())
        {
            if (alert.TryGetProperty("endsAt", out var ends) && ends.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(ends.GetString(), CultureInfo.InvariantCulture, out var end) && end <= now) continue;
            if (Key(alert) is { } key) firing.Add(key);
        }
        return firing;
    }

    /// <summary>Alertmanager's webhook message (version 4): <c>alerts</c>, each with <c>status</c> "firing" or "resolved".</summary>
    public static List<(string AlertName, string Instance)> FromWebhook(JsonElement body)
    {
        var firing = new List<(string, string)>();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("alerts", out var alerts) || alerts.ValueKind != JsonValueKind.Array) return firing;
        foreach (var alert in alerts.EnumerateArray())
        {
            if (!alert.TryGetProperty("status", out var status) || status.GetString() != "firing") continue;
            if (Key(alert) is { } key) firing.Add(key);
        }
        return firing;
    }

    private static (string, string)? Key(JsonElement alert)
    {
        if (!alert.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Object) return null;
        var name = labels.TryGetProperty("alertname", out var n) ? n.GetString() : null;
        var instance = labels.TryGetProperty("instance", out var i) ? i.GetString() : null;
        return name is null || instance is null ? null : (name, instance);
    }
}
