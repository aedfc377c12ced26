namespace OllyStack.Storage.Metrics;

public sealed class MetricsStoreOptions
{
    /// <summary>How far behind a series' newest sample an older sample may still be inserted.</summary>
    public TimeSpan OutOfOrderWindow { get; init; } = TimeSpan.FromMinutes(10);
}
