using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>How a retention splits into days on the hot, warm and cold tiers (they add up to the retention).</summary>
public readonly record struct TierDays(
    [property: JsonPropertyName("hot")] decimal Hot,
    [property: JsonPropertyName("warm")] decimal Warm,
    [property: JsonPropertyName("cold")] decimal Cold);
