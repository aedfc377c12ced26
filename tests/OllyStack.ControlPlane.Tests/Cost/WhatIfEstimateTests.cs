using OllyStack.ControlPlane.Cost;

namespace OllyStack.ControlPlane.Tests.Cost;

/// <summary>What-if figures worked out by hand from the founding prices (docs/cost.md shows the same arithmetic).</summary>
public sealed class WhatIfEstimateTests
{
    private const decimal Terabyte = 1e12m;

    private static WhatIfEstimate OneTerabyteADay(WhatIfInput? input = null) =>
        CostCalculator.WhatIf(input ?? new WhatIfInput { IngestBytesPerDay = Terabyte, RetentionDays = 30, CompressionRatio = 10 });

    [Fact]
    public void OneTerabyteADayKeptThirtyDaysAtTenToOneCostsTheHandComputedDollars()
    {
        var estimate = OneTerabyteADay();

        // 30,437.5 GB a month x $0.008; 100 GB a day stored: 1 day hot x $0.08, 29 days warm x $0.045;
        // 1 vCPU x 24 h x 30.4375 days x $0.0408.
        Assert.Equal(243.50m, estimate.Monthly.Ingestion);
        Assert.Equal(8.00m, estimate.Monthly.HotStorage);
        Assert.Equal(130.50m, estimate.Monthly.WarmStorage);
        Assert.Equal(0.00m, estimate.Monthly.ColdStorage);
        Assert.Equal(29.80m, estimate.Monthly.Compute);
        Assert.Equal(411.80m, estimate.Monthly.Total);
        Assert.Equal(0.0135m, estimate.CostPerGbIngested);
        Assert.Equal(30_437.5m, estimate.IngestedGbPerMonth);
        Assert.Equal(1m, estimate.Vcpus);
        Assert.Equal(new TierBytes(100_000_000_000, 2_900_000_000_000, 0), estimate.StoredBytes);
        Assert.Equal(30_437_500_000, estimate.EventsPerMonth);
    }

    [Fact]
    public void TheIssuesExampleOfOneHundredTerabytesADayKeptThirtyDays()
    {
        var estimate = CostCalculator.WhatIf(new WhatIfInput { IngestBytesPerDay = 100 * Terabyte, RetentionDays = 30 });

        // Default ratio 12: 8,333.33 GB a day stored; 100 vCPUs.
        Assert.Equal(new TierDays(1, 29, 0), estimate.Assumptions.TierDays);
        Assert.Equal(24_350.00m, estimate.Monthly.Ingestion);
        Assert.Equal(666.67m, estimate.Monthly.HotStorage);
        Assert.Equal(10_875.00m, estimate.Monthly.WarmStorage);
        Assert.Equal(0.00m, estimate.Monthly.ColdStorage);
        Assert.Equal(2_980.44m, estimate.Monthly.Compute);
        Assert.Equal(38_872.11m, estimate.Monthly.Total);
        Assert.Equal(0.0128m, estimate.CostPerGbIngested);
        Assert.Equal(100m, estimate.Vcpus);
        Assert.Equal(new TierBytes(8_333_333_333_333, 241_666_666_666_667, 0), estimate.StoredBytes);
    }

    [Fact]
    public void RetentionBeyondThirtyDaysIsKeptOnTheColdTier()
    {
        var estimate = OneTerabyteADay(new WhatIfInput { IngestBytesPerDay = Terabyte, RetentionDays = 365, CompressionRatio = 10 });

        Assert.Equal(new TierDays(1, 29, 335), estimate.Assumptions.TierDays);
        Assert.Equal(418.75m, estimate.Monthly.ColdStorage); // 100 GB x 335 days x $0.0125
        Assert.Equal(130.50m, estimate.Monthly.WarmStorage);
        Assert.Equal(33_500_000_000_000, estimate.StoredBytes.Cold);
    }

    [Fact]
    public void RollupReductionsShrinkOnlyTheWarmAndColdTiers()
    {
        var estimate = OneTerabyteADay(new WhatIfInput
        {
            IngestBytesPerDay = Terabyte, RetentionDays = 365, CompressionRatio = 10, WarmRollupReduction = 12, ColdRollupReduction = 144,
        });

        Assert.Equal(8.00m, estimate.Monthly.HotStorage);
        Assert.Equal(10.88m, estimate.Monthly.WarmStorage); // 2,900 GB / 12 x $0.045 = 10.875
        Assert.Equal(2.91m, estimate.Monthly.ColdStorage); // 33,500 GB / 144 x $0.0125 = 2.908
        Assert.Equal(new TierBytes(100_000_000_000, 241_666_666_667, 232_638_888_889), estimate.StoredBytes);
    }

    [Fact]
    public void AnExplicitSplitPutsTheRestOfTheRetentionOnTheColdTier()
    {
        var estimate = OneTerabyteADay(new WhatIfInput { IngestBytesPerDay = Terabyte, RetentionDays = 30, CompressionRatio = 10, HotDays = 7, WarmDays = 0 });

        Assert.Equal(new TierDays(7, 0, 23), estimate.Assumptions.TierDays);
        Assert.Equal(56.00m, estimate.Monthly.HotStorage); // 700 GB x $0.08
        Assert.Equal(0.00m, estimate.Monthly.WarmStorage);
        Assert.Equal(28.75m, estimate.Monthly.ColdStorage); // 2,300 GB x $0.0125
    }

    [Fact]
    public void OnlyHotDaysGivenLeavesWarmTheDaysUpToTheThirtieth()
    {
        var estimate = OneTerabyteADay(new WhatIfInput { IngestBytesPerDay = Terabyte, RetentionDays = 90, CompressionRatio = 10, HotDays = 3 });

        Assert.Equal(new TierDays(3, 27, 60), estimate.Assumptions.TierDays);
    }

    [Fact]
    public void RetentionShorterThanADayIsAllHot()
    {
        var estimate = OneTerabyteADay(new WhatIfInput { IngestBytesPerDay = Terabyte, RetentionDays = 0.5m, CompressionRatio = 10 });

        Assert.Equal(new TierDays(0.5m, 0, 0), estimate.Assumptions.TierDays);
        Assert.Equal(4.00m, estimate.Monthly.HotStorage);
    }

    [Fact]
    public void SamplingShrinksStorageButNotIngestionOrCompute()
    {
        var estimate = OneTerabyteADay(new WhatIfInput { IngestBytesPerDay = Terabyte, RetentionDays = 30, CompressionRatio = 10, SamplingRate = 0.1m });

        Assert.Equal(0.80m, estimate.Monthly.HotStorage);
        Assert.Equal(13.05m, estimate.Monthly.WarmStorage);
        Assert.Equal(243.50m, estimate.Monthly.Ingestion);
        Assert.Equal(29.80m, estimate.Monthly.Compute);
    }

    [Fact]
    public void AShorterMonthCostsProportionallyLess()
    {
        var estimate = OneTerabyteADay(new WhatIfInput { IngestBytesPerDay = Terabyte, RetentionDays = 30, CompressionRatio = 10, DaysPerMonth = 30 });

        Assert.Equal(240.00m, estimate.Monthly.Ingestion); // 30,000 GB x $0.008
        Assert.Equal(29.38m, estimate.Monthly.Compute); // 720 h x $0.0408 = 29.376
        Assert.Equal(8.00m, estimate.Monthly.HotStorage); // storage held a month does not depend on its length
    }

    [Fact]
    public void TheTotalIsTheSumOfTheRoundedLines()
    {
        var estimate = OneTerabyteADay(new WhatIfInput { IngestBytesPerDay = 1.234567e12m, RetentionDays = 400, CompressionRatio = 13.7m, WarmRollupReduction = 3 });

        var lines = estimate.Monthly;
        Assert.Equal(lines.Ingestion + lines.HotStorage + lines.WarmStorage + lines.ColdStorage + lines.Compute, lines.Total);
        Assert.All([lines.Ingestion, lines.HotStorage, lines.WarmStorage, lines.ColdStorage, lines.Compute, lines.Total],
            amount => Assert.Equal(amount, Math.Round(amount, 2)));
    }

    [Fact]
    public void TheAssumptionsEchoEveryInputWithDefaultsFilledIn()
    {
        var estimate = OneTerabyteADay();

        var assumptions = estimate.Assumptions;
        Assert.Equal(Terabyte, assumptions.IngestBytesPerDay);
        Assert.Equal(30m, assumptions.RetentionDays);
        Assert.Equal(10m, assumptions.CompressionRatio);
        Assert.Equal(1m, assumptions.WarmRollupReduction);
        Assert.Equal(1m, assumptions.ColdRollupReduction);
        Assert.Equal(1m, assumptions.SamplingRate);
        Assert.Equal(30.4375m, assumptions.DaysPerMonth);
        Assert.Equal(1000m, assumptions.BytesPerEvent);
        Assert.Equal(1_000_000_000m, assumptions.BytesPerGb);
        Assert.Same(CostPrices.Founding, assumptions.Prices);
        Assert.Contains("30 days", assumptions.IncumbentBasis);
    }
}
