using OllyStack.Alerting.Notifications.Delivery;

namespace OllyStack.Alerting.Notifications;

public sealed class NotificationServiceOptions
{
    /// <summary>The server's data directory; configurations and silences live under its <c>alertmanager/</c> folder.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The URL people reach OllyStack at, sent as externalURL and used in default message links.</summary>
    public string ExternalUrl { get; init; } = "";

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Delivery attempts kept per tenant for <c>/api/v1/notifications</c>.</summary>
    public int NotificationLogCapacity { get; init; } = 1000;

    /// <summary>False only where durability is deliberately off (throwaway tests).</summary>
    public bool Fsync { get; init; } = true;
}
