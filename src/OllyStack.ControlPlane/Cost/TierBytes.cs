using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// Bytes held on the hot, warm and cold tiers, in whole bytes. Decimal rather than long: a century of an exabyte a
/// day is more bytes than a long counts.
/// </summary>
public readonly record struct TierBytes(
    [property: JsonPropertyName("hot")] decimal Hot,
    [property: JsonPropertyName("warm")] decimal Warm,
    [property: JsonPropertyName("cold")] decimal Cold)
{
    [JsonPropertyName("total")] public decimal Total => Hot + Warm + Cold;
}
