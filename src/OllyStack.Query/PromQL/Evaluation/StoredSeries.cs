namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>A series as storage returns it: labels and samples ascending by time, stale markers included.</summary>
public sealed record StoredSeries(Labels Labels, ReadOnlyMemory<long> Timestamps, ReadOnlyMemory<double> Values);
