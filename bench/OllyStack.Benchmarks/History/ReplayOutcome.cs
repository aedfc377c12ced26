namespace OllyStack.Benchmarks.History;

/// <summary>What sending the history to one server took: acknowledged samples, wall time and the server's CPU.</summary>
public sealed record ReplayOutcome(long Samples, long Requests, long Errors, long Retries, double Seconds, double CpuSeconds, string? FirstError)
{
    public double SamplesPerSecond => Samples / Seconds;
}
