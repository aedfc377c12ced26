using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>The conventions a usage cost is computed with; the result echoes them, with the prices.</summary>
public sealed record UsageAssumptions
{
    [JsonPropertyName("days_per_month")] public decimal DaysPerMonth { get; init; } = CostUnits.AverageDaysPerMonth;

    /// <summary>Used only when the usage has no event count, to price per-event incumbents.</summary>
    [JsonPropertyName("bytes_per_event")] public decimal BytesPerEvent { get; init; } = 1000m;

    [JsonPropertyName("bytes_per_gb")] public decimal BytesPerGb { get; init; } = CostUnits.BytesPerGb;

    /// <summary>How stored bytes became GB-months, in words; set by the calculator in its result.</summary>
    [JsonPropertyName("storage_basis")] public string StorageBasis { get; init; } = "";

    /// <summary>The prices used; set by the calculator in its result (pass prices to <see cref="CostCalculator.ForUsage"/>).</summary>
    [JsonPropertyName("prices")] public CostPrices? Prices { get; init; }

    /// <summary>How the incumbents were priced, in words; set by the calculator in its result.</summary>
    [JsonPropertyName("incumbent_basis")] public string IncumbentBasis { get; init; } = "";

    public void Validate()
    {
        WhatIfInput.ValidateMonth(DaysPerMonth);
        WhatIfInput.ValidateEventSize(BytesPerEvent);
    }
}
