namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>One try at delivering one notification to one integration.</summary>
/// <param name="Integration">The integration within the receiver, e.g. <c>webhook[0]</c>.</param>
/// <param name="Attempt">1 for the first try of this notification, then counting retries.</param>
/// <param name="Error">Why it failed; null on success.</param>
/// <param name="WillRetry">Whether another attempt follows this failed one.</param>
public sealed record NotificationAttempt(
    DateTimeOffset Time, string Tenant, string Receiver, string Integration, string GroupKey, int AlertCount,
    bool Succeeded, string? Error, int Attempt, bool WillRetry)
{
    public string Status => Succeeded ? "success" : "failure";
}
