using OllyStack.ControlPlane.Cost;

namespace OllyStack.ControlPlane.Tests.Cost;

public sealed class CostPricesTests
{
    private static readonly WhatIfInput OneTerabyteADay = new() { IngestBytesPerDay = 1e12m, RetentionDays = 30, CompressionRatio = 10 };

    [Fact]
    public void FoundingPricesAreTheDocumentedListPrices()
    {
        var prices = CostPrices.Founding;

        Assert.Equal(0.008m, prices.IngestPerGb);
        Assert.Equal(0.08m, prices.HotPerGbMonth);
        Assert.Equal(0.045m, prices.WarmPerGbMonth);
        Assert.Equal(0.0125m, prices.ColdPerGbMonth);
        Assert.Equal(0.0408m, prices.VcpuHour);
        Assert.Equal(1000m, prices.GbPerVcpuDay);
        Assert.StartsWith("founding defaults", prices.Basis);
    }

    [Fact]
    public void AnOverrideReplacesOnlyTheFieldsItGives()
    {
        var prices = CostPrices.Founding.WithOverrides("""{"hot_per_gb_month": 0.10, "vcpu_hour": 0.05}""");

        Assert.Equal(CostPrices.Founding with { HotPerGbMonth = 0.10m, VcpuHour = 0.05m, Basis = prices.Basis }, prices);
        Assert.EndsWith("overridden: hot_per_gb_month, vcpu_hour", prices.Basis);
    }

    [Fact]
    public void AnEmptyOverrideKeepsTheFoundingPrices()
    {
        Assert.Equal(CostPrices.Founding, CostPrices.Founding.WithOverrides("{}"));
    }

    [Fact]
    public void OverriddenPricesAreWhatTheEstimateCharges()
    {
        var prices = CostPrices.Founding.WithOverrides("""{"hot_per_gb_month": 0.10, "vcpu_hour": 0.05, "gb_per_vcpu_day": 500}""");

        var estimate = CostCalculator.WhatIf(OneTerabyteADay, prices);

        Assert.Equal(10.00m, estimate.Monthly.HotStorage); // 100 GB x $0.10
        Assert.Equal(73.05m, estimate.Monthly.Compute); // 2 vCPUs x 730.5 h x $0.05
        Assert.Equal(2m, estimate.Vcpus);
        Assert.Equal(243.50m + 10.00m + 130.50m + 73.05m, estimate.Monthly.Total);
        Assert.Same(prices, estimate.Assumptions.Prices);
    }

    [Fact]
    public void FreeInfrastructureLeavesOnlyWhatIsStillPriced()
    {
        var prices = CostPrices.Founding.WithOverrides("""{"ingest_per_gb": 0, "vcpu_hour": 0}""");

        var estimate = CostCalculator.WhatIf(OneTerabyteADay, prices);

        Assert.Equal(138.50m, estimate.Monthly.Total);
    }

    [Theory]
    [InlineData("""{"hot_per_gb": 0.1}""", "hot_per_gb", "unknown field hot_per_gb")]
    [InlineData("""{"cold_per_gb_month": -0.01}""", "cold_per_gb_month", "cold_per_gb_month must be a price from 0 to 1000000 USD (got -0.01)")]
    [InlineData("""{"vcpu_hour": 2000000}""", "vcpu_hour", "vcpu_hour must be a price from 0 to 1000000 USD")]
    [InlineData("""{"gb_per_vcpu_day": 0}""", "gb_per_vcpu_day", "gb_per_vcpu_day must be greater than 0")]
    [InlineData("""{"vcpu_hour": "cheap"}""", "vcpu_hour", "vcpu_hour must be a number")]
    [InlineData("""{"vcpu_hour": 0.1, "vcpu_hour": 0.2}""", "vcpu_hour", "vcpu_hour appears more than once")]
    [InlineData("""[0.1]""", "prices", "prices must be a JSON object")]
    [InlineData("""{"vcpu_hour": 0.1""", "prices", "prices is not valid JSON")]
    public void ABadOverrideIsRefusedNamingTheField(string json, string field, string message)
    {
        var error = Assert.Throws<CostInputException>(() => CostPrices.Founding.WithOverrides(json));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void AnUnknownFieldErrorListsTheKnownOnes()
    {
        var error = Assert.Throws<CostInputException>(() => CostPrices.Founding.WithOverrides("""{"storage": 1}"""));

        Assert.Contains("ingest_per_gb, hot_per_gb_month, warm_per_gb_month, cold_per_gb_month, vcpu_hour, gb_per_vcpu_day", error.Message);
    }

    [Fact]
    public void PricesBuiltInCodeAreCheckedToo()
    {
        var error = Assert.Throws<CostInputException>(() => CostCalculator.WhatIf(OneTerabyteADay, CostPrices.Founding with { WarmPerGbMonth = -1 }));

        Assert.Equal("warm_per_gb_month", error.Field);
    }
}
