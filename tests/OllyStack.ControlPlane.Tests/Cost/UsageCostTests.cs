using OllyStack.ControlPlane.Cost;

namespace OllyStack.ControlPlane.Tests.Cost;

public sealed class UsageCostTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A week of 1 TB a day: 7 TB accepted, 100 GB hot and 600 GB warm held at the end.</summary>
    private static MeteredUsage AWeek(long? events = null) => new()
    {
        Tenant = "acme",
        PeriodStart = Start,
        PeriodEnd = Start.AddDays(7),
        BytesAccepted = 7_000_000_000_000,
        EventsAccepted = events,
        QueriesRun = 1234,
        StoredAtEnd = new TierBytes(100_000_000_000, 600_000_000_000, 0),
        RetentionDays = 30,
    };

    [Fact]
    public void AWeekIsChargedItsFractionOfAMonthOfStorageAndAllItsIngestionAndCompute()
    {
        var cost = CostCalculator.ForUsage(AWeek());

        // 7 / 30.4375 = 0.22998 of a month.
        Assert.Equal(7m, cost.PeriodDays);
        Assert.Equal(0.229979m, cost.Months);
        Assert.Equal(56.00m, cost.Cost.Ingestion); // 7,000 GB x $0.008
        Assert.Equal(1.84m, cost.Cost.HotStorage); // 100 GB x $0.08 x 0.22998
        Assert.Equal(6.21m, cost.Cost.WarmStorage); // 600 GB x $0.045 x 0.22998
        Assert.Equal(0.00m, cost.Cost.ColdStorage);
        Assert.Equal(6.85m, cost.Cost.Compute); // 7,000 GB / 1,000 GB per vCPU-day x 24 h x $0.0408
        Assert.Equal(70.90m, cost.Cost.Total);
        Assert.Equal(168m, cost.VcpuHours);
        Assert.Equal(0.0101m, cost.CostPerGbIngested);
        Assert.Contains("at the end of the period", cost.Assumptions.StorageBasis);
        Assert.Same(CostPrices.Founding, cost.Assumptions.Prices);
        Assert.Equal(1234, cost.Usage.QueriesRun);
    }

    [Fact]
    public void StorageIsPricedOnTheMeanOfTheStartAndTheEnd()
    {
        var usage = AWeek() with
        {
            PeriodEnd = Start.AddDays(30.4375),
            StoredAtStart = new TierBytes(0, 0, 1_000_000_000_000),
            StoredAtEnd = new TierBytes(0, 1_000_000_000_000, 3_000_000_000_000),
        };

        var cost = CostCalculator.ForUsage(usage);

        Assert.Equal(1m, cost.Months);
        Assert.Equal(22.50m, cost.Cost.WarmStorage); // mean 500 GB x $0.045 for one month
        Assert.Equal(25.00m, cost.Cost.ColdStorage); // mean 2,000 GB x $0.0125
        Assert.Contains("mean of the bytes held at the start and the end", cost.Assumptions.StorageBasis);
    }

    [Fact]
    public void IngestionAndComputeFollowTheBytesNotThePeriodsLength()
    {
        var week = CostCalculator.ForUsage(AWeek());
        var month = CostCalculator.ForUsage(AWeek() with { PeriodEnd = Start.AddDays(28) });

        Assert.Equal(week.Cost.Ingestion, month.Cost.Ingestion);
        Assert.Equal(week.Cost.Compute, month.Cost.Compute);
        Assert.Equal(7.36m, month.Cost.HotStorage); // four times the week's storage: 100 GB x $0.08 x 28 / 30.4375
    }

    [Fact]
    public void MeteredEventsPriceThePerEventIncumbents()
    {
        var cost = CostCalculator.ForUsage(AWeek(events: 2_000_000_000));

        var datadog = cost.Incumbents.Single(i => i.Vendor == "Datadog");
        Assert.Equal(3_400.00m, datadog.Events); // 2,000 million events x $1.70
        Assert.Equal(700.00m, datadog.Ingest); // 7,000 GB x $0.10
        Assert.Equal(2_000_000_000, cost.Events);
        Assert.False(cost.EventsEstimated);
        Assert.Contains("events as metered", cost.Assumptions.IncumbentBasis);
    }

    [Fact]
    public void WithoutAnEventCountEventsAreEstimatedFromBytes()
    {
        var cost = CostCalculator.ForUsage(AWeek(), assumptions: new UsageAssumptions { BytesPerEvent = 500 });

        Assert.Equal(14_000_000_000, cost.Events);
        Assert.True(cost.EventsEstimated);
        Assert.Equal(23_800.00m, cost.Incumbents.Single(i => i.Vendor == "Datadog").Events); // 14,000 million x $1.70
        Assert.Contains("events = bytes / 500", cost.Assumptions.IncumbentBasis);
    }

    [Fact]
    public void FreeAllowancesAreProratedToThePeriod()
    {
        var cost = CostCalculator.ForUsage(AWeek());

        // New Relic: (7,000 GB - 100 GB x 7 / 30.4375) x $0.40.
        Assert.Equal(2_790.80m, cost.Incumbents.Single(i => i.Vendor == "New Relic").Total);
    }

    [Fact]
    public void APeriodWithNoBytesCostsOnlyItsStorage()
    {
        var cost = CostCalculator.ForUsage(AWeek() with { BytesAccepted = 0 });

        Assert.Null(cost.CostPerGbIngested);
        Assert.Equal(0.00m, cost.Cost.Ingestion);
        Assert.Equal(0.00m, cost.Cost.Compute);
        Assert.Equal(8.05m, cost.Cost.Total); // 1.84 + 6.21
        Assert.All(cost.Incumbents, incumbent => Assert.Null(incumbent.CostPerGbIngested));
    }

    [Fact]
    public void TheUsageTenantsRetentionIsWhatTheIncumbentsArePricedToKeep()
    {
        var cost = CostCalculator.ForUsage(AWeek() with { RetentionDays = 90 });

        var grafana = cost.Incumbents.Single(i => i.Vendor == "Grafana Cloud");
        Assert.Equal(1_400.00m, grafana.ExtraRetention); // 7,000 GB x two further 30-day increments x $0.10
        Assert.Contains("kept 90 days", cost.Assumptions.IncumbentBasis);
    }

    [Theory]
    [MemberData(nameof(BadUsages))]
    public void BadUsageIsRefusedNamingTheField(string field, string message, Func<MeteredUsage, MeteredUsage> spoil)
    {
        var error = Assert.Throws<CostInputException>(() => CostCalculator.ForUsage(spoil(AWeek())));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    public static TheoryData<string, string, Func<MeteredUsage, MeteredUsage>> BadUsages() => new()
    {
        { "period_end", "period_end must be after period_start", u => u with { PeriodEnd = u.PeriodStart } },
        { "period_end", "period_end must be after period_start", u => u with { PeriodEnd = u.PeriodStart.AddDays(-1) } },
        { "period_end", "at most 36500 days", u => u with { PeriodEnd = u.PeriodStart.AddDays(40_000) } },
        { "bytes_accepted", "bytes_accepted must be from 0 to 1e18 (got -1)", u => u with { BytesAccepted = -1 } },
        { "events_accepted", "events_accepted must be from 0", u => u with { EventsAccepted = -5 } },
        { "queries_run", "queries_run must be from 0", u => u with { QueriesRun = -1 } },
        { "stored_at_end.warm", "stored_at_end.warm must be from 0", u => u with { StoredAtEnd = new TierBytes(0, -1, 0) } },
        { "stored_at_start.cold", "stored_at_start.cold must be from 0", u => u with { StoredAtStart = new TierBytes(0, 0, -1) } },
        { "retention_days", "retention_days must be greater than 0", u => u with { RetentionDays = 0 } },
    };

    [Theory]
    [InlineData(27, 1000, "days_per_month")]
    [InlineData(30.4375, 0, "bytes_per_event")]
    public void BadAssumptionsAreRefusedNamingTheField(decimal daysPerMonth, decimal bytesPerEvent, string field)
    {
        var error = Assert.Throws<CostInputException>(() =>
            CostCalculator.ForUsage(AWeek(), assumptions: new UsageAssumptions { DaysPerMonth = daysPerMonth, BytesPerEvent = bytesPerEvent }));

        Assert.Equal(field, error.Field);
    }
}
