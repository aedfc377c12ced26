namespace OllyStack.Alerting.Tests.Streaming;

/// <summary>A notifier for tests that look at rule status and stream progress, not at what would be sent.</summary>
internal sealed class IgnoringNotifier : IAlertNotifier
{
    public void Notify(string tenant, IReadOnlyList<Alert> alerts)
    {
    }
}
