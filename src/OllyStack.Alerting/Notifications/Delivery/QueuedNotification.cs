namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>A notification on its way to one integration; <paramref name="Completed"/> learns whether it arrived.</summary>
/// <param name="GroupInterval">The group's flush interval: how long retries may go on, and what forwarding needs.</param>
/// <param name="Completed">Called once: true when delivered, false when given up or replaced by a newer one.</param>
internal sealed record QueuedNotification(string Tenant, Integration Integration, Notification Notification, TimeSpan GroupInterval, Action<bool> Completed);
