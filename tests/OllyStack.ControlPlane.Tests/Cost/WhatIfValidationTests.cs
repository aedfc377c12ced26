using OllyStack.ControlPlane.Cost;

namespace OllyStack.ControlPlane.Tests.Cost;

/// <summary>Every input out of range is refused with a <see cref="CostInputException"/> naming the field and what it allows.</summary>
public sealed class WhatIfValidationTests
{
    private static readonly WhatIfInput Good = new() { IngestBytesPerDay = 1e12m };

    public static TheoryData<string, string, WhatIfInput> BadInputs() => new()
    {
        { "ingest_bytes_per_day", "ingest_bytes_per_day must be greater than 0 and at most 1e18 bytes (an exabyte) a day (got -1)", Good with { IngestBytesPerDay = -1 } },
        { "ingest_bytes_per_day", "must be greater than 0", Good with { IngestBytesPerDay = 0 } },
        { "ingest_bytes_per_day", "at most 1e18 bytes", Good with { IngestBytesPerDay = 2e18m } },
        { "retention_days", "retention_days must be greater than 0 and at most 36500 days (got 0)", Good with { RetentionDays = 0 } },
        { "retention_days", "retention_days must be greater than 0", Good with { RetentionDays = -7 } },
        { "retention_days", "at most 36500 days", Good with { RetentionDays = 40_000 } },
        { "hot_days", "hot_days must be from 0 to 36500 days (got -1)", Good with { HotDays = -1 } },
        { "warm_days", "warm_days must be from 0 to 36500 days (got -2)", Good with { WarmDays = -2 } },
        { "hot_days", "hot_days + warm_days must be at most retention_days (30); got 31 + 0", Good with { HotDays = 31 } },
        { "warm_days", "hot_days + warm_days must be at most retention_days (30); got 1 + 30", Good with { WarmDays = 30 } },
        { "warm_days", "hot_days + warm_days must be at most retention_days (7); got 2 + 6", Good with { RetentionDays = 7, HotDays = 2, WarmDays = 6 } },
        { "compression_ratio", "compression_ratio must be at least 1 (1 = no reduction) and at most 1000000 (got 0.5)", Good with { CompressionRatio = 0.5m } },
        { "compression_ratio", "compression_ratio must be at least 1", Good with { CompressionRatio = 0 } },
        { "warm_rollup_reduction", "warm_rollup_reduction must be at least 1", Good with { WarmRollupReduction = 0.9m } },
        { "cold_rollup_reduction", "cold_rollup_reduction must be at least 1", Good with { ColdRollupReduction = -3 } },
        { "sampling_rate", "sampling_rate must be the fraction of data kept: greater than 0 and at most 1 (got 0)", Good with { SamplingRate = 0 } },
        { "sampling_rate", "sampling_rate must be the fraction of data kept", Good with { SamplingRate = 1.5m } },
        { "sampling_rate", "sampling_rate must be the fraction of data kept", Good with { SamplingRate = -0.1m } },
        { "days_per_month", "days_per_month must be from 28 to 31 (got 27)", Good with { DaysPerMonth = 27 } },
        { "days_per_month", "days_per_month must be from 28 to 31", Good with { DaysPerMonth = 32 } },
        { "bytes_per_event", "bytes_per_event must be from 1 to 1e9 bytes (got 0)", Good with { BytesPerEvent = 0 } },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void AnInputOutOfRangeIsRefusedNamingTheFieldAndWhatItAllows(string field, string message, WhatIfInput input)
    {
        var error = Assert.Throws<CostInputException>(() => CostCalculator.WhatIf(input));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void TheEdgesOfEachRangeAreAccepted()
    {
        var input = Good with
        {
            RetentionDays = 36_500, HotDays = 0, WarmDays = 36_500, CompressionRatio = 1, WarmRollupReduction = 1, ColdRollupReduction = 1_000_000,
            SamplingRate = 1, DaysPerMonth = 28, BytesPerEvent = 1,
        };

        var estimate = CostCalculator.WhatIf(input);

        Assert.Equal(new TierDays(0, 36_500, 0), estimate.Assumptions.TierDays);
        Assert.True(estimate.Monthly.Total > 0);
    }

    [Fact]
    public void TheLargestVolumeAndRetentionStayInsideDecimalsRange()
    {
        var estimate = CostCalculator.WhatIf(Good with { IngestBytesPerDay = 1e18m, RetentionDays = 36_500, CompressionRatio = 1, BytesPerEvent = 1 },
            CostPrices.Founding with { IngestPerGb = CostPrices.MaxPrice, ColdPerGbMonth = CostPrices.MaxPrice, VcpuHour = CostPrices.MaxPrice, GbPerVcpuDay = 1e-6m });

        Assert.True(estimate.Monthly.Total > 0);
        Assert.Equal(1e18m * 36_470, estimate.StoredBytes.Cold); // the days after the 30th
        Assert.Equal(1e18m * 30.4375m, estimate.EventsPerMonth);
    }
}
