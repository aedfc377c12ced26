namespace OllyStack.Benchmarks.Logs;

/// <summary>
/// What one Loki API request took and returned: streams or series (or patterns) and their lines or points (or
/// samples), the first sample of a vector, or the error the server answered.
/// </summary>
public sealed record LokiAnswer(TimeSpan Elapsed, int Series, long Points, double FirstValue, string? Error);
