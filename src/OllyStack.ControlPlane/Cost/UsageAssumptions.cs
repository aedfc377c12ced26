using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>The conventions a usage cost is computed with; the result echoes them, with the prices.</summary>
public sealed record UsageAssumptions
{
    [JsonPropertyName("days_per_month")] public decimal DaysPerMonth { get; init; } = CostUnits.AverageDaysPerMonth;

    /// <summary>Used only when the usage has no event count, to price per-event incumbents.</summary>
    [JsonPropertyName("bytes_per_event")] public decimal BytesPerEvent { get; init; } = 1000m;

    [JsonPropertyName("bytes_per_gb")] public decimal BytesPerGb { get; init; } = CostUnits.BytesPerGb;

    /// <summary>How stored bytes become GB-months, in words.</summary>
    [JsonPropertyName("storage_basis")] public string StorageBasis { get; init; } = "";

    [JsonPropertyName("prices")] public CostPrices? Prices { get; init; }

    [JsonPropertyName("incumbent_basis")] public string IncumbentBasis { get; init; } = "";

    public void Validate()
    {
        WhatIfInput.ValidateMonth(DaysPerMonth);
        WhatIfInput.ValidateEventSize(BytesPerEvent);
    }
}
