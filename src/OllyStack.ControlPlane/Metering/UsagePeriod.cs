using OllyStack.ControlPlane.Cost;

namespace OllyStack.ControlPlane.Metering;

/// <summary>A tenant's metered hours over a period, totalled as the usage API shows them and the cost calculator prices them.</summary>
public sealed record UsagePeriod(string Tenant, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<UsageHour> Hours)
{
    public long Sum(Func<UsageHour, long> counter) => Hours.Sum(counter);

    /// <summary>
    /// The period as the cost calculator takes it: bytes and events admitted (received and not refused by a quota,
    /// before sampling), queries, and the footprint at the first and last measurement of the period.
    /// </summary>
    public MeteredUsage ToMeteredUsage(int retentionDays)
    {
        var measured = Hours.Where(h => h.StoredHotBytes + h.StoredWarmBytes + h.StoredColdBytes > 0).ToList();
        return new MeteredUsage
        {
            Tenant = Tenant,
            PeriodStart = Start,
            PeriodEnd = End,
            BytesAccepted = Sum(h => h.ReceivedBytes - h.RejectedBytes),
            EventsAccepted = Sum(h => h.ReceivedEvents - h.RejectedEvents),
            QueriesRun = Sum(h => h.Queries),
            StoredAtStart = measured.Count > 0 ? Tiers(measured[0]) : null,
            StoredAtEnd = measured.Count > 0 ? Tiers(measured[^1]) : new TierBytes(0, 0, 0),
            RetentionDays = retentionDays,
        };
    }

    private static TierBytes Tiers(UsageHour hour) => new(hour.StoredHotBytes, hour.StoredWarmBytes, hour.StoredColdBytes);
}
