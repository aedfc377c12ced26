namespace OllyStack.Alerting.Notifications.Templates;

/// <summary>
/// The dot of a notification template, with Alertmanager's field names: <c>.Receiver</c>, <c>.Status</c>,
/// <c>.Alerts</c>, <c>.GroupLabels</c>, <c>.CommonLabels</c>, <c>.CommonAnnotations</c>, <c>.ExternalURL</c>.
/// </summary>
public sealed class NotificationTemplateData(Notification notification) : ITemplateObject
{
    private readonly AlertList _alerts = new(notification.Alerts.Select(a => new TemplateAlert(a)));
    private readonly LabelMap _groupLabels = new(notification.GroupLabels);
    private readonly LabelMap _commonLabels = new(notification.CommonLabels);
    private readonly LabelMap _commonAnnotations = new(notification.CommonAnnotations);

    public bool TryGetMember(string name, IReadOnlyList<object?> arguments, out object? value)
    {
        value = arguments.Count > 0 ? null : name switch
        {
            "Receiver" => notification.Receiver,
            "Status" => notification.Status,
            "Alerts" => _alerts,
            "GroupLabels" => _groupLabels,
            "CommonLabels" => _commonLabels,
            "CommonAnnotations" => _commonAnnotations,
            "ExternalURL" => notification.ExternalUrl,
            "GroupKey" => notification.GroupKey,
            _ => null,
        };
        return value is not null;
    }
}

/// <summary>One alert in a template: <c>.Status</c>, <c>.Labels</c>, <c>.Annotations</c>, <c>.StartsAt</c>, <c>.EndsAt</c>, <c>.GeneratorURL</c>, <c>.Fingerprint</c>.</summary>
public sealed class TemplateAlert(Alert alert) : ITemplateObject
{
    public bool IsFiring => alert.EndsAt is null;

    public bool TryGetMember(string name, IReadOnlyList<object?> arguments, out object? value)
    {
        value = arguments.Count > 0 ? null : name switch
        {
            "Status" => Notification.StatusOf(alert),
            "Labels" => new LabelMap(alert.Labels),
            "Annotations" => new LabelMap(alert.Annotations),
            "StartsAt" => alert.StartsAt,
            // Go's zero time, as Alertmanager gives a firing alert.
            "EndsAt" => alert.EndsAt ?? DateTimeOffset.MinValue,
            "GeneratorURL" => alert.GeneratorUrl,
            "Fingerprint" => AlertFingerprint.Format(alert.Fingerprint),
            _ => null,
        };
        return value is not null;
    }
}

/// <summary>A notification's alerts, with <c>.Firing</c> and <c>.Resolved</c> subsets.</summary>
public sealed class AlertList(IEnumerable<TemplateAlert> alerts) : List<object?>(alerts), ITemplateObject
{
    public bool TryGetMember(string name, IReadOnlyList<object?> arguments, out object? value)
    {
        value = (name, arguments.Count) switch
        {
            ("Firing", 0) => new AlertList(this.Cast<TemplateAlert>().Where(a => a.IsFiring)),
            ("Resolved", 0) => new AlertList(this.Cast<TemplateAlert>().Where(a => !a.IsFiring)),
            _ => null,
        };
        return value is not null;
    }
}
