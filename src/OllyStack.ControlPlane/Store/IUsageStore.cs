using OllyStack.ControlPlane.Metering;

namespace OllyStack.ControlPlane.Store;

/// <summary>Where the meter keeps its hourly counts.</summary>
public interface IUsageStore
{
    /// <summary>
    /// Adds the counters of each row to what the store holds for its tenant and hour; the stored-bytes fields of a
    /// row replace the stored ones where they are set (non-negative), as they are measurements, not counts.
    /// </summary>
    void AddUsage(IReadOnlyList<UsageHour> deltas);

    /// <summary>The hours in [<paramref name="from"/>, <paramref name="to"/>), of one tenant or all, ordered by tenant and hour.</summary>
    IReadOnlyList<UsageHour> ReadUsage(string? tenant, DateTimeOffset from, DateTimeOffset to);
}
