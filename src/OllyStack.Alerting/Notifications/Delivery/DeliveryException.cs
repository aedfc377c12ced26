namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>A notification a receiver did not take; <see cref="Retryable"/> when trying again may help (5xx, 429, timeouts, network).</summary>
public sealed class DeliveryException(string message, bool retryable) : Exception(message)
{
    public bool Retryable { get; } = retryable;
}
