using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Notifications;

/// <summary>
/// What one receiver is told about one aggregation group at one flush. Firing alerts carry no EndsAt here (Alertmanager
/// sends them with the zero time), resolved ones the time they ended.
/// </summary>
/// <param name="GroupKey">Alertmanager's group key: the route's matchers path, then the group labels, e.g. <c>{}/{severity="critical"}:{alertname="Down"}</c>.</param>
/// <param name="TruncatedAlerts">How many alerts a receiver's max_alerts left out.</param>
public sealed record Notification(
    string Receiver, string GroupKey, Labels GroupLabels, IReadOnlyList<Alert> Alerts, string ExternalUrl, int TruncatedAlerts = 0)
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";

    public string Status => Alerts.Any(a => a.EndsAt is null) ? Firing : Resolved;

    /// <summary>The labels every alert has with the same value.</summary>
    public Labels CommonLabels => Common(a => a.Labels);

    public Labels CommonAnnotations => Common(a => a.Annotations);

    public static string StatusOf(Alert alert) => alert.EndsAt is null ? Firing : Resolved;

    /// <summary>This notification with at most <paramref name="maxAlerts"/> alerts (0: all), counting those left out.</summary>
    public Notification Truncate(int maxAlerts) =>
        maxAlerts <= 0 || Alerts.Count <= maxAlerts ? this : this with { Alerts = Alerts.Take(maxAlerts).ToList(), TruncatedAlerts = Alerts.Count - maxAlerts };

    private Labels Common(Func<Alert, Labels> select)
    {
        if (Alerts.Count == 0) return Labels.Empty;
        var first = select(Alerts[0]);
        return Labels.Of(first.Where(l => Alerts.Skip(1).All(a => select(a).Get(l.Name) == l.Value)).Select(l => (l.Name, l.Value)));
    }
}
