namespace OllyStack.ControlPlane.Metering;

/// <summary>
/// A tenant's usage in one UTC hour: events and bytes received, accepted, sampled out and rejected by quota, queries
/// run, and the bytes it had stored per tier at the last measurement in that hour.
/// </summary>
public sealed record UsageHour(
    string Tenant,
    DateTimeOffset Hour,
    long ReceivedEvents,
    long ReceivedBytes,
    long AcceptedEvents,
    long AcceptedBytes,
    long SampledOutEvents,
    long SampledOutBytes,
    long RejectedEvents,
    long RejectedBytes,
    long Queries,
    long StoredHotBytes,
    long StoredWarmBytes,
    long StoredColdBytes);
