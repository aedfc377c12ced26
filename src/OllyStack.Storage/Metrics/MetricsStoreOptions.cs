namespace OllyStack.Storage.Metrics;

public sealed class MetricsStoreOptions
{
    /// <summary>How far behind a series' newest sample an older sample may still be inserted.</summary>
    public TimeSpan OutOfOrderWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long samples stay in memory, behind each tenant's newest sample. Until on-disk parts exist this is all the
    /// history queries can see.
    /// </summary>
    public TimeSpan HeadRetention { get; init; } = TimeSpan.FromHours(2);
}
