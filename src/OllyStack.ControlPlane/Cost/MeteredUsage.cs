using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// What a tenant's meters counted over a period: raw bytes and events accepted, queries run, and the bytes each tier
/// held at the period's end (and, when known, at its start, so storage is priced on the average of the two).
/// </summary>
public sealed record MeteredUsage
{
    [JsonPropertyName("tenant")] public string Tenant { get; init; } = "";

    [JsonPropertyName("period_start")] public required DateTimeOffset PeriodStart { get; init; }

    [JsonPropertyName("period_end")] public required DateTimeOffset PeriodEnd { get; init; }

    /// <summary>Raw bytes accepted (as received, before sampling).</summary>
    [JsonPropertyName("bytes_accepted")] public long BytesAccepted { get; init; }

    /// <summary>Records accepted (points, log lines, spans); null to estimate them from bytes for per-event prices.</summary>
    [JsonPropertyName("events_accepted")] public long? EventsAccepted { get; init; }

    /// <summary>Not priced on its own: the vCPU's GB a day includes its share of queries. Shown beside the cost.</summary>
    [JsonPropertyName("queries_run")] public long QueriesRun { get; init; }

    /// <summary>Bytes each tier held at the start; null to take the end's figures as held all period.</summary>
    [JsonPropertyName("stored_at_start")] public TierBytes? StoredAtStart { get; init; }

    [JsonPropertyName("stored_at_end")] public TierBytes StoredAtEnd { get; init; }

    /// <summary>The tenant's retention over the period (its setting, not a meter): the incumbents are priced to keep data as long.</summary>
    [JsonPropertyName("retention_days")] public decimal RetentionDays { get; init; } = 30m;

    /// <summary>Throws a <see cref="CostInputException"/> naming the first field out of its range.</summary>
    public void Validate()
    {
        if (PeriodEnd <= PeriodStart)
            throw new CostInputException("period_end", $"period_end must be after period_start (got {PeriodStart:O} to {PeriodEnd:O})");
        if ((decimal)(PeriodEnd - PeriodStart).TotalDays > WhatIfInput.MaxDays)
            throw new CostInputException("period_end", $"the period must be at most {WhatIfInput.MaxDays:0} days long");
        Count("bytes_accepted", BytesAccepted);
        if (EventsAccepted is { } events) Count("events_accepted", events);
        Count("queries_run", QueriesRun);
        if (StoredAtStart is { } start) Stored("stored_at_start", start);
        Stored("stored_at_end", StoredAtEnd);
        if (RetentionDays <= 0 || RetentionDays > WhatIfInput.MaxDays)
            throw CostInputException.Invalid("retention_days", $"must be greater than 0 and at most {WhatIfInput.MaxDays:0} days", RetentionDays);
    }

    private static void Stored(string field, TierBytes bytes)
    {
        Count($"{field}.hot", bytes.Hot);
        Count($"{field}.warm", bytes.Warm);
        Count($"{field}.cold", bytes.Cold);
    }

    // 1e18 bounds every count: an exabyte is more than any tenant meters, and products of it stay inside decimal.
    private static void Count(string field, decimal value)
    {
        if (value < 0 || value > WhatIfInput.MaxBytesPerDay)
            throw CostInputException.Invalid(field, "must be from 0 to 1e18", value);
    }
}
