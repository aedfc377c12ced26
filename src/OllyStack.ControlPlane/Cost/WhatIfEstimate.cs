using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// What a what-if costs a month in the steady state (every tier full): OllyStack's cost by component, the bytes each
/// tier holds, the cost per GB ingested, and the incumbents' list prices for the same raw volume and retention.
/// </summary>
public sealed record WhatIfEstimate
{
    [JsonPropertyName("assumptions")] public required WhatIfAssumptions Assumptions { get; init; }

    [JsonPropertyName("monthly")] public required CostBreakdown Monthly { get; init; }

    [JsonPropertyName("stored_bytes")] public TierBytes StoredBytes { get; init; }

    [JsonPropertyName("ingested_gb_per_month")] public decimal IngestedGbPerMonth { get; init; }

    /// <summary>The vCPUs ingestion and queries keep busy on average (a fleet share, not a whole number of machines).</summary>
    [JsonPropertyName("vcpus")] public decimal Vcpus { get; init; }

    /// <summary>Monthly total per raw GB ingested, to a hundredth of a cent.</summary>
    [JsonPropertyName("cost_per_gb_ingested")] public decimal CostPerGbIngested { get; init; }

    [JsonPropertyName("events_per_month")] public decimal EventsPerMonth { get; init; }

    [JsonPropertyName("incumbents")] public required IReadOnlyList<IncumbentCost> Incumbents { get; init; }

    [JsonPropertyName("incumbents_note")] public string IncumbentsNote { get; init; } = "";
}
