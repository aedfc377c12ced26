namespace OllyStack.Storage.Metrics;

/// <summary>One series' samples in a queried time range, ascending, from the head and the parts together.</summary>
public sealed record SeriesSamples(uint Ref, ReadOnlyMemory<long> Timestamps, ReadOnlyMemory<double> Values);
