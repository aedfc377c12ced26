namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// A what-if: so many raw bytes a day, kept so many days, split over the tiers, compressed and sampled so much.
/// Every field but the volume has a default; docs/cost.md gives each formula that uses them.
/// </summary>
public sealed record WhatIfInput
{
    /// <summary>Longest retention or period accepted: a century.</summary>
    public const decimal MaxDays = 36_500m;

    /// <summary>Largest volume accepted: an exabyte a day, so every product of the model stays inside decimal's range.</summary>
    public const decimal MaxBytesPerDay = 1e18m;

    /// <summary>Largest compression ratio or rollup reduction accepted.</summary>
    public const decimal MaxRatio = 1_000_000m;

    /// <summary>DESIGN.md's tiers: hot holds the first day, warm up to day 30, cold the rest.</summary>
    public const decimal DefaultHotDays = 1m;

    public const decimal WarmUntilDay = 30m;

    /// <summary>Raw (uncompressed, as sent) bytes received a day, before sampling.</summary>
    public required decimal IngestBytesPerDay { get; init; }

    public decimal RetentionDays { get; init; } = 30m;

    /// <summary>Days on the hot tier; null for <see cref="DefaultHotDays"/> (or the retention, if shorter).</summary>
    public decimal? HotDays { get; init; }

    /// <summary>Days on the warm tier; null for the days after hot up to <see cref="WarmUntilDay"/>. Cold holds the rest.</summary>
    public decimal? WarmDays { get; init; }

    /// <summary>Raw bytes per stored byte: 12 is the low end of DESIGN.md's 10-50x target.</summary>
    public decimal CompressionRatio { get; init; } = 12m;

    /// <summary>
    /// How much smaller the warm tier's 5-minute rollups are than the full-resolution data, after compression.
    /// 1 (no reduction) by default: metrics shrink many times over, but logs and traces are kept whole.
    /// </summary>
    public decimal WarmRollupReduction { get; init; } = 1m;

    /// <summary>The same for the cold tier's 1-hour rollups; 1 by default.</summary>
    public decimal ColdRollupReduction { get; init; } = 1m;

    /// <summary>The fraction of received bytes kept after sampling, in (0, 1].</summary>
    public decimal SamplingRate { get; init; } = 1m;

    public decimal DaysPerMonth { get; init; } = CostUnits.AverageDaysPerMonth;

    /// <summary>Converts bytes into events for incumbents that price per event (an assumption, 1 kB by default).</summary>
    public decimal BytesPerEvent { get; init; } = 1000m;

    internal static readonly string[] FieldNames =
    [
        "ingest_bytes_per_day", "retention_days", "hot_days", "warm_days", "compression_ratio", "warm_rollup_reduction",
        "cold_rollup_reduction", "sampling_rate", "days_per_month", "bytes_per_event",
    ];

    /// <summary>This input with the field called <paramref name="name"/> set; null when there is no such field.</summary>
    internal WhatIfInput? With(string name, decimal value) => name switch
    {
        "ingest_bytes_per_day" => this with { IngestBytesPerDay = value },
        "retention_days" => this with { RetentionDays = value },
        "hot_days" => this with { HotDays = value },
        "warm_days" => this with { WarmDays = value },
        "compression_ratio" => this with { CompressionRatio = value },
        "warm_rollup_reduction" => this with { WarmRollupReduction = value },
        "cold_rollup_reduction" => this with { ColdRollupReduction = value },
        "sampling_rate" => this with { SamplingRate = value },
        "days_per_month" => this with { DaysPerMonth = value },
        "bytes_per_event" => this with { BytesPerEvent = value },
        _ => null,
    };

    /// <summary>The tier split with defaults filled in; throws when hot and warm days exceed the retention.</summary>
    public TierDays Tiers()
    {
        Validate();
        var hot = HotDays ?? Math.Min(DefaultHotDays, RetentionDays);
        var warm = WarmDays ?? Math.Max(0m, Math.Min(RetentionDays, WarmUntilDay) - hot);
        if (hot + warm > RetentionDays)
        {
            var field = WarmDays is null ? "hot_days" : "warm_days";
            throw new CostInputException(field,
                $"hot_days + warm_days must be at most retention_days ({RetentionDays}); got {hot} + {warm}");
        }
        return new TierDays(hot, warm, RetentionDays - hot - warm);
    }

    /// <summary>Throws a <see cref="CostInputException"/> naming the first field out of its range.</summary>
    public void Validate()
    {
        if (IngestBytesPerDay <= 0 || IngestBytesPerDay > MaxBytesPerDay)
            throw CostInputException.Invalid("ingest_bytes_per_day", "must be greater than 0 and at most 1e18 bytes (an exabyte) a day", IngestBytesPerDay);
        if (RetentionDays <= 0 || RetentionDays > MaxDays)
            throw CostInputException.Invalid("retention_days", $"must be greater than 0 and at most {MaxDays:0} days", RetentionDays);
        if (HotDays is { } hot && (hot < 0 || hot > MaxDays))
            throw CostInputException.Invalid("hot_days", $"must be from 0 to {MaxDays:0} days", hot);
        if (WarmDays is { } warm && (warm < 0 || warm > MaxDays))
            throw CostInputException.Invalid("warm_days", $"must be from 0 to {MaxDays:0} days", warm);
        Ratio("compression_ratio", CompressionRatio);
        Ratio("warm_rollup_reduction", WarmRollupReduction);
        Ratio("cold_rollup_reduction", ColdRollupReduction);
        if (SamplingRate <= 0 || SamplingRate > 1)
            throw CostInputException.Invalid("sampling_rate", "must be the fraction of data kept: greater than 0 and at most 1", SamplingRate);
        ValidateMonth(DaysPerMonth);
        ValidateEventSize(BytesPerEvent);
    }

    internal static void ValidateMonth(decimal daysPerMonth)
    {
        if (daysPerMonth < 28 || daysPerMonth > 31)
            throw CostInputException.Invalid("days_per_month", "must be from 28 to 31", daysPerMonth);
    }

    internal static void ValidateEventSize(decimal bytesPerEvent)
    {
        if (bytesPerEvent < 1 || bytesPerEvent > CostUnits.BytesPerGb)
            throw CostInputException.Invalid("bytes_per_event", "must be from 1 to 1e9 bytes", bytesPerEvent);
    }

    private static void Ratio(string field, decimal value)
    {
        if (value < 1 || value > MaxRatio)
            throw CostInputException.Invalid(field, $"must be at least 1 (1 = no reduction) and at most {MaxRatio:0}", value);
    }
}
