namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>One configured target of a receiver (a webhook, a Slack channel, an external Alertmanager).</summary>
public abstract class Integration(string receiver, string kind, int index, bool sendResolved)
{
    public string Receiver { get; } = receiver;

    /// <summary><c>webhook</c>, <c>slack</c> or <c>alertmanager</c>.</summary>
    public string Kind { get; } = kind;

    /// <summary>Its position among the receiver's integrations of its kind.</summary>
    public int Index { get; } = index;

    /// <summary>Whether resolved alerts are sent to it; when not, a notification carries only the firing ones.</summary>
    public bool SendResolved { get; } = sendResolved;

    /// <summary><c>webhook[0]</c>: names the integration in the notification log.</summary>
    public string Name => $"{Kind}[{Index}]";

    /// <summary>
    /// Whether the group is sent again at every flush rather than only when it changed or repeat_interval passed: an
    /// external Alertmanager resolves alerts that are not re-sent before the end time they were given.
    /// </summary>
    public virtual bool ResendsEveryFlush => false;

    /// <param name="groupInterval">How often the group is flushed; tells a forwarded alert how long it stays valid.</param>
    /// <exception cref="DeliveryException">The receiver did not take it.</exception>
    public abstract Task SendAsync(Notification notification, TimeSpan groupInterval, CancellationToken cancellationToken);
}
