using OllyStack.ControlPlane.Cost;

namespace OllyStack.ControlPlane.Tests.Cost;

public sealed class WhatIfRequestTests
{
    private static KeyValuePair<string, string?> Q(string name, string? value) => new(name, value);

    [Fact]
    public void AJsonBodyTakesASizeWithAUnitAndPriceOverrides()
    {
        var request = WhatIfRequest.Parse("""
            {"ingest_bytes_per_day": "1TB", "retention_days": 30, "compression_ratio": 10, "prices": {"hot_per_gb_month": 0.10}}
            """);

        var estimate = request.Estimate();

        Assert.Equal(1e12m, request.Input.IngestBytesPerDay);
        Assert.Equal(10.00m, estimate.Monthly.HotStorage);
        Assert.Equal(130.50m, estimate.Monthly.WarmStorage);
        Assert.Contains("overridden: hot_per_gb_month", estimate.Assumptions.Prices.Basis);
    }

    [Fact]
    public void AJsonBodyTakesAPlainByteCount()
    {
        var request = WhatIfRequest.Parse("""{"ingest_bytes_per_day": 1e14}""");

        Assert.Equal(38_872.11m, request.Estimate().Monthly.Total);
    }

    [Fact]
    public void BodyPricesOverrideTheServersPricesFieldByField()
    {
        var serverPrices = CostPrices.Founding with { VcpuHour = 0.05m };

        var request = WhatIfRequest.Parse("""{"ingest_bytes_per_day": "1TB", "prices": {"hot_per_gb_month": 0.10}}""", serverPrices);

        Assert.Equal(0.05m, request.Prices.VcpuHour);
        Assert.Equal(0.10m, request.Prices.HotPerGbMonth);
    }

    [Fact]
    public void ABodyIncumbentsDocumentReplacesTheServersList()
    {
        var request = WhatIfRequest.Parse("""
            {"ingest_bytes_per_day": "1TB",
             "incumbents": {"vendors": [{"vendor": "Acme", "product": "Logs", "ingest_per_unit": 1, "source": "https://example.com", "as_of": "2026-11-24"}]}}
            """);

        Assert.Equal("Acme", Assert.Single(request.Estimate().Incumbents).Vendor);
    }

    [Fact]
    public void QueryParametersUseTheSameNames()
    {
        var request = WhatIfRequest.FromQuery([Q("ingest_bytes_per_day", "1TB"), Q("retention_days", "365"), Q("compression_ratio", "10"), Q("prices.vcpu_hour", "0.05")]);

        var estimate = request.Estimate();

        Assert.Equal(new TierDays(1, 29, 335), estimate.Assumptions.TierDays);
        Assert.Equal(36.53m, estimate.Monthly.Compute); // 730.5 h x $0.05 = 36.525
        Assert.Equal(418.75m, estimate.Monthly.ColdStorage);
        Assert.EndsWith("overridden: vcpu_hour", request.Prices.Basis);
    }

    [Fact]
    public void QueryNumbersAreReadTheSameInEveryCulture()
    {
        var request = WhatIfRequest.FromQuery([Q("ingest_bytes_per_day", "2.5e12"), Q("sampling_rate", "0.25")]);

        Assert.Equal(2.5e12m, request.Input.IngestBytesPerDay);
        Assert.Equal(0.25m, request.Input.SamplingRate);
    }

    [Theory]
    [InlineData("""{"retention_days": 30}""", "ingest_bytes_per_day", "ingest_bytes_per_day is required")]
    [InlineData("""{"ingest_bytes_per_day": -1}""", "ingest_bytes_per_day", "must be greater than 0")]
    [InlineData("""{"ingest_bytes_per_day": "lots"}""", "ingest_bytes_per_day", "must be a byte count or a size such as 100TB")]
    [InlineData("""{"ingest_bytes_per_day": "1TB", "retention": 30}""", "retention", "unknown field retention")]
    [InlineData("""{"ingest_bytes_per_day": "1TB", "retention": "a month"}""", "retention", "unknown field retention")]
    [InlineData("""{"ingest_bytes_per_day": "1TB", "prices": {"vcpu_hour": -1}}""", "prices.vcpu_hour", "prices.vcpu_hour must be a price from 0")]
    [InlineData("""{"ingest_bytes_per_day": "1TB", "prices": {"cpu": 1}}""", "prices.cpu", "unknown field prices.cpu")]
    [InlineData("""{"ingest_bytes_per_day": "1TB", "incumbents": {"vendors": [{"vendor": "Acme"}]}}""", "incumbents.vendors[0].product", "is required")]
    [InlineData("""{"ingest_bytes_per_day": "1TB", "hot_days": 10, "warm_days": 25}""", "warm_days", "hot_days + warm_days must be at most retention_days (30); got 10 + 25")]
    [InlineData("""{"ingest_bytes_per_day": "1TB", "sampling_rate": true}""", "sampling_rate", "sampling_rate must be a number")]
    [InlineData("""[]""", "body", "body must be a JSON object")]
    public void ABadBodyIsRefusedNamingTheField(string json, string field, string message)
    {
        var error = Assert.Throws<CostInputException>(() => WhatIfRequest.Parse(json));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("retention", "30", "retention", "unknown field retention")]
    [InlineData("retention", "a month", "retention", "unknown field retention")]
    [InlineData("prices.cpu", "1", "prices.cpu", "unknown field prices.cpu")]
    [InlineData("prices.hot_per_gb_month", "-1", "prices.hot_per_gb_month", "must be a price from 0")]
    [InlineData("compression_ratio", "ten", "compression_ratio", "compression_ratio must be a number (got 'ten')")]
    [InlineData("compression_ratio", "0.5", "compression_ratio", "compression_ratio must be at least 1")]
    public void ABadQueryParameterIsRefusedNamingIt(string name, string value, string field, string message)
    {
        var error = Assert.Throws<CostInputException>(() => WhatIfRequest.FromQuery([Q("ingest_bytes_per_day", "1TB"), Q(name, value)]));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void AQueryParameterGivenTwiceIsRefused()
    {
        var error = Assert.Throws<CostInputException>(() => WhatIfRequest.FromQuery([Q("ingest_bytes_per_day", "1TB"), Q("ingest_bytes_per_day", "2TB")]));

        Assert.Equal("ingest_bytes_per_day", error.Field);
        Assert.Contains("appears more than once", error.Message);
    }

    [Fact]
    public void AQueryWithoutTheVolumeIsRefused()
    {
        var error = Assert.Throws<CostInputException>(() => WhatIfRequest.FromQuery([Q("retention_days", "30")]));

        Assert.Equal("ingest_bytes_per_day", error.Field);
    }
}
