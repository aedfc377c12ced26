namespace OllyStack.Core.Durability;

/// <summary>The log cannot take more right now (too much queued for the disk); the caller should retry later.</summary>
public sealed class LogOverloadedException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
