using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>Every input a what-if estimate used, defaults filled in: enough to redo the arithmetic by hand.</summary>
public sealed record WhatIfAssumptions
{
    [JsonPropertyName("ingest_bytes_per_day")] public decimal IngestBytesPerDay { get; init; }

    [JsonPropertyName("retention_days")] public decimal RetentionDays { get; init; }

    [JsonPropertyName("tier_days")] public TierDays TierDays { get; init; }

    [JsonPropertyName("compression_ratio")] public decimal CompressionRatio { get; init; }

    [JsonPropertyName("warm_rollup_reduction")] public decimal WarmRollupReduction { get; init; }

    [JsonPropertyName("cold_rollup_reduction")] public decimal ColdRollupReduction { get; init; }

    [JsonPropertyName("sampling_rate")] public decimal SamplingRate { get; init; }

    [JsonPropertyName("days_per_month")] public decimal DaysPerMonth { get; init; }

    [JsonPropertyName("bytes_per_event")] public decimal BytesPerEvent { get; init; }

    [JsonPropertyName("bytes_per_gb")] public decimal BytesPerGb { get; init; } = CostUnits.BytesPerGb;

    [JsonPropertyName("prices")] public required CostPrices Prices { get; init; }

    /// <summary>How the incumbents were compared, in words (which volume, which retention).</summary>
    [JsonPropertyName("incumbent_basis")] public string IncumbentBasis { get; init; } = "";
}
