namespace OllyStack.Core.Tenancy;

/// <summary>What the meter counts per tenant and hour.</summary>
public enum UsageKind
{
    /// <summary>Admitted for the tenant, before quotas and sampling.</summary>
    Received,
    /// <summary>Durable in the log and acknowledged.</summary>
    Accepted,
    /// <summary>Dropped by the tenant's trace sampling.</summary>
    SampledOut,
    /// <summary>Refused by a rate or byte quota (429).</summary>
    Rejected,
    /// <summary>A query or read request answered (events = 1, bytes = 0).</summary>
    Query,
}

/// <summary>Counts usage per tenant and hour; called on the ingest and query paths, so it takes no lock and allocates nothing.</summary>
public interface IUsageMeter
{
    void Add(string tenant, UsageKind kind, long events, long bytes);
}
