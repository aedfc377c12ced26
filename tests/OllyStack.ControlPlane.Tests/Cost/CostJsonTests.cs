using System.Text.Json;
using OllyStack.ControlPlane.Cost;

namespace OllyStack.ControlPlane.Tests.Cost;

/// <summary>The results are what /api/v1/cost returns: snake_case names, USD with two decimals, the assumptions included.</summary>
public sealed class CostJsonTests
{
    private static readonly WhatIfEstimate Estimate =
        CostCalculator.WhatIf(new WhatIfInput { IngestBytesPerDay = 1e12m, RetentionDays = 30, CompressionRatio = 10 });

    [Fact]
    public void AnEstimateSerializesWithSnakeCaseNamesAndCents()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Estimate, CostJsonContext.Default.WhatIfEstimate));
        var root = json.RootElement;

        Assert.Equal(
            ["assumptions", "monthly", "stored_bytes", "ingested_gb_per_month", "vcpus", "cost_per_gb_ingested", "events_per_month", "incumbents", "incumbents_note"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("411.80", root.GetProperty("monthly").GetProperty("total").GetRawText());
        Assert.Equal("8.00", root.GetProperty("monthly").GetProperty("hot_storage").GetRawText());
        Assert.Equal("0.00", root.GetProperty("monthly").GetProperty("cold_storage").GetRawText());
        Assert.Equal("0.0135", root.GetProperty("cost_per_gb_ingested").GetRawText());
        Assert.Equal(3_000_000_000_000m, root.GetProperty("stored_bytes").GetProperty("total").GetDecimal());
        var assumptions = root.GetProperty("assumptions");
        Assert.Equal(29m, assumptions.GetProperty("tier_days").GetProperty("warm").GetDecimal());
        Assert.Equal(0.045m, assumptions.GetProperty("prices").GetProperty("warm_per_gb_month").GetDecimal());
        Assert.StartsWith("founding defaults", assumptions.GetProperty("prices").GetProperty("basis").GetString());
        var datadog = root.GetProperty("incumbents")[0];
        Assert.Equal("2026-11-24", datadog.GetProperty("as_of").GetString());
        Assert.False(datadog.GetProperty("covers_retention").GetBoolean());
        Assert.Equal("54787.50", datadog.GetProperty("total").GetRawText());
    }

    [Fact]
    public void ReflectionSerializationGivesTheSameJsonAsTheSourceGeneratedContext()
    {
        // The server writes results with JsonSerializer's reflection path inside its {"status","data"} envelope.
        Assert.Equal(
            JsonSerializer.Serialize(Estimate, CostJsonContext.Default.WhatIfEstimate),
            JsonSerializer.Serialize(Estimate));
    }

    [Fact]
    public void AUsageCostCarriesTheUsageItPricedAndItsAssumptions()
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var cost = CostCalculator.ForUsage(new MeteredUsage
        {
            Tenant = "acme", PeriodStart = start, PeriodEnd = start.AddDays(7), BytesAccepted = 7_000_000_000_000,
            StoredAtEnd = new TierBytes(100_000_000_000, 600_000_000_000, 0),
        });

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(cost, CostJsonContext.Default.UsageCost));
        var root = json.RootElement;

        Assert.Equal("acme", root.GetProperty("usage").GetProperty("tenant").GetString());
        Assert.Equal("2026-11-01T00:00:00+00:00", root.GetProperty("usage").GetProperty("period_start").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("usage").GetProperty("stored_at_start").ValueKind);
        Assert.Equal("70.90", root.GetProperty("cost").GetProperty("total").GetRawText());
        Assert.Equal(30.4375m, root.GetProperty("assumptions").GetProperty("days_per_month").GetDecimal());
        Assert.Equal(0.0408m, root.GetProperty("assumptions").GetProperty("prices").GetProperty("vcpu_hour").GetDecimal());
        Assert.True(root.GetProperty("events_estimated").GetBoolean());
    }

    [Fact]
    public void APriceListSerializesAsTheOverrideDocumentItCanBeReadFrom()
    {
        var prices = CostPrices.Founding with { HotPerGbMonth = 0.1m };
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(prices, CostJsonContext.Default.CostPrices));
        var fields = json.RootElement.EnumerateObject().Where(p => p.Name != "basis").Select(p => $"\"{p.Name}\": {p.Value.GetRawText()}");

        var reread = CostPrices.Founding.WithOverrides($"{{{string.Join(", ", fields)}}}");

        Assert.Equal(prices with { Basis = reread.Basis }, reread);
    }
}
