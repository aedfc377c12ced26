namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>What one query may consume before it is stopped with a <see cref="QueryLimitException"/>.</summary>
public sealed record QueryLimits
{
    /// <summary>
    /// Samples held in memory at once: those loaded from storage and the points of the result, plus the range vectors
    /// of the step being evaluated.
    /// </summary>
    public long MaxSamples { get; init; } = 50_000_000;

    /// <summary>Series returned by all selectors of the query together.</summary>
    public long MaxSeries { get; init; } = 1_000_000;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
}
