using System.Text.Json;
using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// What running OllyStack costs per unit: processing each GB received, holding a GB for a month in each tier, and a
/// vCPU for an hour (with how many GB a day one vCPU ingests and serves, so compute follows from volume). USD.
/// <see cref="Founding"/> are the built-in defaults; docs/cost.md gives the list price each is derived from.
/// </summary>
public sealed record CostPrices
{
    /// <summary>The largest price accepted: keeps every product of the model far inside decimal's range.</summary>
    public const decimal MaxPrice = 1_000_000m;

    /// <summary>Per GB received (raw, before sampling): the load balancer in front of the receivers.</summary>
    [JsonPropertyName("ingest_per_gb")] public decimal IngestPerGb { get; init; }

    /// <summary>Per GB-month on the hot tier (full resolution, SSD block storage).</summary>
    [JsonPropertyName("hot_per_gb_month")] public decimal HotPerGbMonth { get; init; }

    /// <summary>Per GB-month on the warm tier (5-minute rollups, HDD block storage).</summary>
    [JsonPropertyName("warm_per_gb_month")] public decimal WarmPerGbMonth { get; init; }

    /// <summary>Per GB-month on the cold tier (1-hour rollups, Parquet in an object store).</summary>
    [JsonPropertyName("cold_per_gb_month")] public decimal ColdPerGbMonth { get; init; }

    /// <summary>Per vCPU-hour, on demand.</summary>
    [JsonPropertyName("vcpu_hour")] public decimal VcpuHour { get; init; }

    /// <summary>Raw GB a day one vCPU receives, stores and answers queries over; vCPUs = GB per day / this.</summary>
    [JsonPropertyName("gb_per_vcpu_day")] public decimal GbPerVcpuDay { get; init; }

    /// <summary>Where these prices come from: the founding defaults, and which of them a caller overrode.</summary>
    [JsonPropertyName("basis")] public string Basis { get; init; } = "";

    internal static readonly string[] FieldNames =
        ["ingest_per_gb", "hot_per_gb_month", "warm_per_gb_month", "cold_per_gb_month", "vcpu_hour", "gb_per_vcpu_day"];

    /// <summary>The founding defaults: AWS us-east-1 on-demand list prices and OllyStack's measured ingest cost.</summary>
    public static CostPrices Founding { get; } = new()
    {
        IngestPerGb = 0.008m, // Application Load Balancer: $0.008 per LCU-hour, one LCU = 1 GB processed per hour
        HotPerGbMonth = 0.08m, // EBS gp3
        WarmPerGbMonth = 0.045m, // EBS st1
        ColdPerGbMonth = 0.0125m, // S3 Standard-Infrequent Access
        VcpuHour = 0.0408m, // m7g.large, $0.0816 an hour for 2 vCPUs
        GbPerVcpuDay = 1000m, // about 1/15 of what BENCHMARKS.md measured for OTLP ingest, leaving room for queries and merges
        Basis = "founding defaults (AWS us-east-1 on-demand list prices as read 2026-11-24; docs/cost.md)",
    };

    /// <summary>These prices with those an override document gives replaced (any subset of the fields).</summary>
    public CostPrices WithOverrides(string json) => WithOverrides(StrictJson.ParseObject(json, "prices"), "");

    internal CostPrices WithOverrides(JsonElement document, string path)
    {
        var prices = this;
        var overridden = new List<string>();
        foreach (var field in StrictJson.Fields(document, path))
        {
            prices = prices.With(field.Name, StrictJson.Number(field)) ?? throw StrictJson.Unknown(field, FieldNames);
            overridden.Add(field.Name);
        }
        prices.Validate(path);
        return prices.Overridden(overridden);
    }

    /// <summary>These prices with the one called <paramref name="name"/> replaced; null when there is no such price.</summary>
    internal CostPrices? With(string name, decimal value) => name switch
    {
        "ingest_per_gb" => this with { IngestPerGb = value },
        "hot_per_gb_month" => this with { HotPerGbMonth = value },
        "warm_per_gb_month" => this with { WarmPerGbMonth = value },
        "cold_per_gb_month" => this with { ColdPerGbMonth = value },
        "vcpu_hour" => this with { VcpuHour = value },
        "gb_per_vcpu_day" => this with { GbPerVcpuDay = value },
        _ => null,
    };

    internal CostPrices Overridden(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? this : this with { Basis = $"{Basis}; overridden: {string.Join(", ", names)}" };

    /// <summary>Throws a <see cref="CostInputException"/> for a negative or absurd price, or a vCPU that handles nothing.</summary>
    public void Validate(string path = "")
    {
        Price(path, "ingest_per_gb", IngestPerGb);
        Price(path, "hot_per_gb_month", HotPerGbMonth);
        Price(path, "warm_per_gb_month", WarmPerGbMonth);
        Price(path, "cold_per_gb_month", ColdPerGbMonth);
        Price(path, "vcpu_hour", VcpuHour);
        if (GbPerVcpuDay <= 0 || GbPerVcpuDay > MaxPrice)
            throw CostInputException.Invalid(StrictJson.Child(path, "gb_per_vcpu_day"), $"must be greater than 0 and at most {MaxPrice:0} GB", GbPerVcpuDay);
    }

    private static void Price(string path, string name, decimal value)
    {
        if (value < 0 || value > MaxPrice)
            throw CostInputException.Invalid(StrictJson.Child(path, name), $"must be a price from 0 to {MaxPrice:0} USD", value);
    }
}
