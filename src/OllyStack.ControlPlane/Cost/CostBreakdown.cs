using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>OllyStack's cost by component, in USD rounded to cents; the total is the sum of the rounded lines.</summary>
public sealed record CostBreakdown
{
    [JsonPropertyName("ingestion")] public decimal Ingestion { get; init; }

    [JsonPropertyName("hot_storage")] public decimal HotStorage { get; init; }

    [JsonPropertyName("warm_storage")] public decimal WarmStorage { get; init; }

    [JsonPropertyName("cold_storage")] public decimal ColdStorage { get; init; }

    [JsonPropertyName("compute")] public decimal Compute { get; init; }

    [JsonPropertyName("total")] public decimal Total { get; init; }

    internal static CostBreakdown Of(decimal ingestion, decimal hot, decimal warm, decimal cold, decimal compute)
    {
        var lines = new CostBreakdown
        {
            Ingestion = CostUnits.Cents(ingestion),
            HotStorage = CostUnits.Cents(hot),
            WarmStorage = CostUnits.Cents(warm),
            ColdStorage = CostUnits.Cents(cold),
            Compute = CostUnits.Cents(compute),
        };
        return lines with { Total = lines.Ingestion + lines.HotStorage + lines.WarmStorage + lines.ColdStorage + lines.Compute };
    }
}
