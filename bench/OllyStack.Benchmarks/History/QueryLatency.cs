namespace OllyStack.Benchmarks.History;

/// <summary>
/// One dashboard query's latency on one target: the first (cold) run, then the median and 90th percentile (nearest
/// rank) of the repeats; what it returned, so answers that differ between targets show; the error if it failed; and the
/// server's peak resident memory once it had run, which shows the query that raised it.
/// </summary>
public sealed record QueryLatency(string Name, string Query, string Range, double StepSeconds, double FirstMs, int Repeats, double MedianMs, double P90Ms,
    int Series, long Points, string? Error, long PeakResidentBytesAfter);
