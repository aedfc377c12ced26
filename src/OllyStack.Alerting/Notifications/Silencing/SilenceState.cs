namespace OllyStack.Alerting.Notifications.Silencing;

/// <summary>Where a silence is in its life: not started, muting, or over.</summary>
public enum SilenceState
{
    Pending,
    Active,
    Expired,
}
