namespace OllyStack.Core.Admission;

public enum IngestStatus
{
    /// <summary>Durable in the log; the request may be acknowledged.</summary>
    Accepted,
    /// <summary>Over a rate or quota: HTTP 429, gRPC RESOURCE_EXHAUSTED; retryable after <see cref="IngestResult.RetryAfter"/>.</summary>
    Throttled,
    /// <summary>The server cannot take data now (log overloaded or stopping): HTTP 503, gRPC UNAVAILABLE; retryable.</summary>
    Unavailable,
}

public readonly record struct IngestResult(IngestStatus Status, long Records, string? Message, TimeSpan RetryAfter)
{
    public static IngestResult Accept(long records) => new(IngestStatus.Accepted, records, null, TimeSpan.Zero);

    public static IngestResult Throttle(string message, TimeSpan retryAfter) => new(IngestStatus.Throttled, 0, message, retryAfter);

    public static IngestResult Unavailable(string message, TimeSpan retryAfter) => new(IngestStatus.Unavailable, 0, message, retryAfter);
}
