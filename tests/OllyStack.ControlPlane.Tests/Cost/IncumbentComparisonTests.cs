using OllyStack.ControlPlane.Cost;

namespace OllyStack.ControlPlane.Tests.Cost;

/// <summary>The shipped list prices applied to 1 TB a day (30,437.5 GB and 30,437.5 million 1 kB events a month).</summary>
public sealed class IncumbentComparisonTests
{
    private static IncumbentCost Vendor(WhatIfEstimate estimate, string vendor) => estimate.Incumbents.Single(i => i.Vendor == vendor);

    private static WhatIfEstimate OneTerabyteADayKept(decimal retentionDays, IncumbentPriceList? incumbents = null) =>
        CostCalculator.WhatIf(new WhatIfInput { IngestBytesPerDay = 1e12m, RetentionDays = retentionDays, CompressionRatio = 10 }, incumbents: incumbents);

    [Fact]
    public void EveryShippedVendorIsComparedInTheListsOrder()
    {
        var estimate = OneTerabyteADayKept(30);

        Assert.Equal(["Datadog", "Grafana Cloud", "New Relic", "Google Cloud"], estimate.Incumbents.Select(i => i.Vendor));
        Assert.Contains("list prices", estimate.IncumbentsNote);
    }

    [Fact]
    public void DatadogChargesIngestionPerGbAndIndexingPerMillionEvents()
    {
        var datadog = Vendor(OneTerabyteADayKept(30), "Datadog");

        Assert.Equal(3_043.75m, datadog.Ingest); // 30,437.5 GB x $0.10
        Assert.Equal(51_743.75m, datadog.Events); // 30,437.5 million x $1.70
        Assert.Equal(0.00m, datadog.ExtraRetention);
        Assert.Equal(54_787.50m, datadog.Total);
        Assert.Equal(1.8m, datadog.CostPerGbIngested);
        Assert.Equal(133.0m, datadog.TimesOllyStack); // against OllyStack's $411.80
        Assert.False(datadog.CoversRetention); // its listed index keeps 15 days, not 30
        Assert.Equal(15m, datadog.IncludedRetentionDays);
        Assert.Equal(new DateOnly(2026, 11, 24), datadog.AsOf);
        Assert.StartsWith("https://www.datadoghq.com/pricing", datadog.Source);
    }

    [Fact]
    public void GrafanaCloudIncludesThirtyDaysAndFiftyFreeGb()
    {
        var grafana = Vendor(OneTerabyteADayKept(30), "Grafana Cloud");

        Assert.Equal(15_193.75m, grafana.Total); // (30,437.5 - 50) GB x $0.50
        Assert.True(grafana.CoversRetention);
        Assert.Equal(36.9m, grafana.TimesOllyStack);
    }

    [Fact]
    public void GrafanaCloudChargesEachStartedThirtyDayIncrementBeyondTheFirst()
    {
        Assert.Equal(3_043.75m, Vendor(OneTerabyteADayKept(45), "Grafana Cloud").ExtraRetention); // 1 increment x $0.10
        Assert.Equal(6_087.50m, Vendor(OneTerabyteADayKept(90), "Grafana Cloud").ExtraRetention); // 2 increments
        Assert.Equal(21_281.25m, Vendor(OneTerabyteADayKept(90), "Grafana Cloud").Total);
    }

    [Fact]
    public void NewRelicChargesPerGbAboveItsFreeHundred()
    {
        var newRelic = Vendor(OneTerabyteADayKept(30), "New Relic");

        Assert.Equal(12_135.00m, newRelic.Total); // (30,437.5 - 100) GB x $0.40
        Assert.True(newRelic.CoversRetention);
        Assert.False(Vendor(OneTerabyteADayKept(31), "New Relic").CoversRetention);
    }

    [Fact]
    public void GoogleCloudBillsGibAndProratesRetentionBeyondThirtyDaysByTheDay()
    {
        // 30,437.5 GB = 28,347.13 GiB.
        Assert.Equal(14_148.57m, Vendor(OneTerabyteADayKept(30), "Google Cloud").Total); // (28,347.13 - 50) GiB x $0.50
        var ninetyDays = Vendor(OneTerabyteADayKept(90), "Google Cloud");
        Assert.Equal(558.79m, ninetyDays.ExtraRetention); // 28,347.13 GiB x 60 / 30.4375 months x $0.01
        Assert.True(ninetyDays.CoversRetention);
    }

    [Fact]
    public void TheIncumbentsSeeTheRawVolumeBeforeSampling()
    {
        var sampled = CostCalculator.WhatIf(new WhatIfInput { IngestBytesPerDay = 1e12m, RetentionDays = 30, CompressionRatio = 10, SamplingRate = 0.1m });

        Assert.Equal(12_135.00m, Vendor(sampled, "New Relic").Total);
    }

    [Fact]
    public void AReplacementDocumentIsUsedInsteadOfTheShippedOne()
    {
        var incumbents = IncumbentPriceList.Parse("""
            {
              "vendors": [
                {
                  "vendor": "Acme Logs", "product": "Acme hosted logs",
                  "ingest_per_unit": 1.00, "included_retention_days": 7, "extra_retention_per_unit_month": 0.05,
                  "source": "https://example.com/pricing", "as_of": "2026-01-31"
                }
              ]
            }
            """);

        var acme = Assert.Single(OneTerabyteADayKept(30, incumbents).Incumbents);

        Assert.Equal("Acme Logs", acme.Vendor);
        Assert.Equal(30_437.50m, acme.Ingest);
        Assert.Equal(1_150.00m, acme.ExtraRetention); // 30,437.5 GB x 23 / 30.4375 months x $0.05
        Assert.Equal(31_587.50m, acme.Total);
        Assert.Equal(0.00m, acme.Events);
        Assert.Equal(new DateOnly(2026, 1, 31), acme.AsOf);
    }

    [Fact]
    public void AnEmptyVendorListComparesWithNobody()
    {
        Assert.Empty(OneTerabyteADayKept(30, IncumbentPriceList.Parse("""{"vendors": []}""")).Incumbents);
    }
}
