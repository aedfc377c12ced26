using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// What a tenant's metered period cost at OllyStack's prices, prorated by the period's length, beside the incumbents'
/// list prices for the same bytes, events and retention.
/// </summary>
public sealed record UsageCost
{
    [JsonPropertyName("usage")] public required MeteredUsage Usage { get; init; }

    [JsonPropertyName("assumptions")] public required UsageAssumptions Assumptions { get; init; }

    [JsonPropertyName("period_days")] public decimal PeriodDays { get; init; }

    /// <summary>The period as a fraction of a month (period_days / days_per_month), to 6 places.</summary>
    [JsonPropertyName("months")] public decimal Months { get; init; }

    [JsonPropertyName("cost")] public required CostBreakdown Cost { get; init; }

    [JsonPropertyName("vcpu_hours")] public decimal VcpuHours { get; init; }

    /// <summary>Total per raw GB accepted, to a hundredth of a cent; null when nothing was accepted.</summary>
    [JsonPropertyName("cost_per_gb_ingested")] public decimal? CostPerGbIngested { get; init; }

    [JsonPropertyName("events")] public long Events { get; init; }

    /// <summary>True when <see cref="Events"/> was estimated from bytes because the usage had no event count.</summary>
    [JsonPropertyName("events_estimated")] public bool EventsEstimated { get; init; }

    [JsonPropertyName("incumbents")] public required IReadOnlyList<IncumbentCost> Incumbents { get; init; }

    [JsonPropertyName("incumbents_note")] public string IncumbentsNote { get; init; } = "";
}
