namespace OllyStack.Benchmarks.Alerting;

/// <summary>What one alerting run does, the same for every target.</summary>
public sealed record AlertingSettings(
    AlertSeries Series,
    TimeSpan SampleInterval,
    TimeSpan Warmup,
    TimeSpan Duration,
    double TriggersPerSecond,
    TimeSpan Hold,
    TimeSpan Timeout,
    int Seed)
{
    public double OfferedSamplesPerSecond => Series.Count / SampleInterval.TotalSeconds;
}
