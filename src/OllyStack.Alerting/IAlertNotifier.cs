namespace OllyStack.Alerting;

/// <summary>Where the rule engine hands a tenant's firing and resolved alerts (notifications, in-process or elsewhere).</summary>
public interface IAlertNotifier
{
    /// <summary>Takes the alerts; returns at once, whatever the receivers do.</summary>
    void Notify(string tenant, IReadOnlyList<Alert> alerts);
}
