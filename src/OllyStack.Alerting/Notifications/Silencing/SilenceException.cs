namespace OllyStack.Alerting.Notifications.Silencing;

/// <summary>A silence request that is refused (400), or that names a silence that does not exist (404).</summary>
public sealed class SilenceException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}
