namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>What one LogQL query may consume before it is stopped with a <see cref="LogQLLimitException"/>.</summary>
public sealed record LogQLLimits
{
    /// <summary>Stored lines read from the source, kept or not.</summary>
    public long MaxLinesScanned { get; init; } = 100_000_000;

    /// <summary>UTF-8 bytes of the stored lines read from the source.</summary>
    public long MaxBytesScanned { get; init; } = 20L << 30;

    /// <summary>Samples a metric query holds at once: one per line a range aggregation kept.</summary>
    public long MaxSamples { get; init; } = 50_000_000;

    /// <summary>Series a range aggregation produces.</summary>
    public int MaxSeries { get; init; } = 500_000;

    /// <summary>Steps of a range query, as Loki's 11,000 points per series.</summary>
    public int MaxPointsPerSeries { get; init; } = 11_000;
}
