using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>What one incumbent's list prices charge for the same raw volume, events and retention. USD, cents.</summary>
public sealed record IncumbentCost
{
    [JsonPropertyName("vendor")] public required string Vendor { get; init; }

    [JsonPropertyName("product")] public required string Product { get; init; }

    [JsonPropertyName("ingest")] public decimal Ingest { get; init; }

    [JsonPropertyName("events")] public decimal Events { get; init; }

    [JsonPropertyName("extra_retention")] public decimal ExtraRetention { get; init; }

    [JsonPropertyName("total")] public decimal Total { get; init; }

    /// <summary>Total per raw GB ingested, to a hundredth of a cent.</summary>
    [JsonPropertyName("cost_per_gb_ingested")] public decimal? CostPerGbIngested { get; init; }

    /// <summary>Total over OllyStack's total for the same data, to one decimal; null when OllyStack's is zero.</summary>
    [JsonPropertyName("times_ollystack")] public decimal? TimesOllyStack { get; init; }

    /// <summary>False when the retention asked for is longer than the vendor sells at a list price: the total is then a lower bound.</summary>
    [JsonPropertyName("covers_retention")] public bool CoversRetention { get; init; }

    [JsonPropertyName("included_retention_days")] public decimal IncludedRetentionDays { get; init; }

    [JsonPropertyName("source")] public required string Source { get; init; }

    [JsonPropertyName("as_of")] public DateOnly AsOf { get; init; }

    [JsonPropertyName("notes")] public string Notes { get; init; } = "";
}
