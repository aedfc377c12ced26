namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>
/// Exponential backoff between attempts (Initial, doubling, capped at Max). A notification is retried until it is
/// delivered, a newer one for the same group and integration replaces it, or its group's interval has passed: by
/// then the next flush sends the group's current state anyway.
/// </summary>
public sealed record RetryPolicy(TimeSpan Initial, TimeSpan Max)
{
    public static RetryPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(Initial.Ticks * factor, Max.Ticks));
        return delay;
    }
}
