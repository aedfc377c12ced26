namespace OllyStack.Alerting.Engine;

/// <summary>Where the samples rules produce go, so queries (and other rules) read them like any ingested series.</summary>
public interface IRuleSampleSink
{
    /// <summary>Completes once the samples are durable.</summary>
    ValueTask WriteAsync(string tenant, IReadOnlyList<RuleSample> samples, CancellationToken cancellationToken);
}
