using System.Text.Json;
using OllyStack.ControlPlane.Cost;

namespace OllyStack.ControlPlane.Tests.Cost;

public sealed class IncumbentPriceListTests
{
    private const string Valid = """
        {"vendor": "Acme", "product": "Logs", "source": "https://example.com/pricing", "as_of": "2026-11-24"}
        """;

    [Fact]
    public void EveryShippedPriceNamesItsPublicSourceAndDate()
    {
        var offers = IncumbentPriceList.Default.Offers;

        Assert.InRange(offers.Count, 3, 5);
        Assert.All(offers, offer =>
        {
            Assert.StartsWith("https://", offer.Source);
            Assert.Equal(new DateOnly(2026, 11, 24), offer.AsOf);
            Assert.NotEmpty(offer.Notes);
            Assert.True(offer.IngestPerUnit > 0);
        });
        Assert.Contains("check each source", IncumbentPriceList.Default.Note);
    }

    [Fact]
    public void TheShippedDocumentSerializesBackToTheSameDocument()
    {
        var json = JsonSerializer.Serialize(IncumbentPriceList.Default, CostJsonContext.Default.IncumbentPriceList);

        var reread = IncumbentPriceList.Parse(json);

        Assert.Equal(IncumbentPriceList.Default.Offers, reread.Offers);
        Assert.Equal(IncumbentPriceList.Default.Note, reread.Note);
    }

    [Fact]
    public void OmittedFieldsTakeTheirDefaults()
    {
        var offer = Assert.Single(IncumbentPriceList.Parse($$"""{"vendors": [{{Valid}}]}""").Offers);

        Assert.Equal("GB", offer.BillingUnit);
        Assert.Equal(0m, offer.IngestPerUnit);
        Assert.Equal(0m, offer.FreeUnitsPerMonth);
        Assert.Equal(0m, offer.PerMillionEvents);
        Assert.Equal(0m, offer.IncludedRetentionDays);
        Assert.Null(offer.ExtraRetentionPerUnitMonth);
        Assert.Null(offer.ExtraRetentionIncrementDays);
    }

    [Theory]
    [InlineData("\"price\": 1", "vendors[0].price", "unknown field vendors[0].price")]
    [InlineData("\"ingest_per_unit\": -0.5", "vendors[0].ingest_per_unit", "must be from 0 to 1000000 (got -0.5)")]
    [InlineData("\"per_million_events\": \"1.70\"", "vendors[0].per_million_events", "must be a number")]
    [InlineData("\"billing_unit\": \"TB\"", "vendors[0].billing_unit", "must be \"GB\" or \"GiB\"")]
    [InlineData("\"included_retention_days\": -1", "vendors[0].included_retention_days", "must be from 0 up to 36500 days")]
    [InlineData("\"extra_retention_increment_days\": 0", "vendors[0].extra_retention_increment_days", "must be greater than 0")]
    [InlineData("\"extra_retention_per_unit_month\": -1", "vendors[0].extra_retention_per_unit_month", "must be from 0")]
    public void ABadVendorFieldIsRefusedNamingItsPath(string extraField, string field, string message)
    {
        var json = $$"""{"vendors": [{{Valid[..^1]}}, {{extraField}}}]}""";

        var error = Assert.Throws<CostInputException>(() => IncumbentPriceList.Parse(json));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("""{"vendors": [{"product": "Logs", "source": "https://example.com", "as_of": "2026-11-24"}]}""", "vendors[0].vendor", "is required")]
    [InlineData("""{"vendors": [{"vendor": "Acme", "product": "Logs", "as_of": "2026-11-24"}]}""", "vendors[0].source", "is required")]
    [InlineData("""{"vendors": [{"vendor": "Acme", "product": "Logs", "source": "example.com/pricing", "as_of": "2026-11-24"}]}""", "vendors[0].source", "must be the http(s) address")]
    [InlineData("""{"vendors": [{"vendor": "Acme", "product": "Logs", "source": "https://example.com"}]}""", "vendors[0].as_of", "is required")]
    [InlineData("""{"vendors": [{"vendor": "Acme", "product": "Logs", "source": "https://example.com", "as_of": "24/11/2026"}]}""", "vendors[0].as_of", "yyyy-MM-dd")]
    [InlineData("""{"version": 2, "vendors": []}""", "version", "must be 1")]
    [InlineData("""{"vendors": {}}""", "vendors", "must be an array")]
    [InlineData("""{"note": "no vendors"}""", "vendors", "vendors is required")]
    [InlineData("""{"vendor": "Acme"}""", "vendor", "unknown field vendor")]
    [InlineData("""not json""", "incumbents", "is not valid JSON")]
    public void ABadDocumentIsRefusedNamingTheField(string json, string field, string message)
    {
        var error = Assert.Throws<CostInputException>(() => IncumbentPriceList.Parse(json));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }
}
