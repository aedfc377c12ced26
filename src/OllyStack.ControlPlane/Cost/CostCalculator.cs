namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// The founding cost calculator: what OllyStack costs to run for a what-if or for a tenant's metered usage, by
/// component, beside the incumbents' list prices for the same data. Pure arithmetic in decimal (no floating-point
/// drift in money); every formula is in docs/cost.md. Bad input throws <see cref="CostInputException"/>.
/// </summary>
public static class CostCalculator
{
    private const string IncumbentsNote =
        "Incumbent figures are public list prices as of each as_of date (see source), for the same raw bytes before sampling; check them before relying on them. The OllyStack figure is infrastructure at cloud list prices, without staff or support.";

    /// <summary>The steady-state monthly cost of <paramref name="input"/>: every tier holds its full share of the retention.</summary>
    public static WhatIfEstimate WhatIf(WhatIfInput input, CostPrices? prices = null, IncumbentPriceList? incumbents = null)
    {
        prices ??= CostPrices.Founding;
        incumbents ??= IncumbentPriceList.Default;
        var tiers = input.Tiers();
        prices.Validate();

        var month = input.DaysPerMonth;
        var rawPerMonth = input.IngestBytesPerDay * month;
        var storedPerDay = input.IngestBytesPerDay * input.SamplingRate / input.CompressionRatio;
        var hotBytes = storedPerDay * tiers.Hot;
        var warmBytes = storedPerDay * tiers.Warm / input.WarmRollupReduction;
        var coldBytes = storedPerDay * tiers.Cold / input.ColdRollupReduction;
        var vcpus = input.IngestBytesPerDay / CostUnits.BytesPerGb / prices.GbPerVcpuDay;

        var monthly = CostBreakdown.Of(
            ingestion: rawPerMonth / CostUnits.BytesPerGb * prices.IngestPerGb,
            hot: hotBytes / CostUnits.BytesPerGb * prices.HotPerGbMonth,
            warm: warmBytes / CostUnits.BytesPerGb * prices.WarmPerGbMonth,
            cold: coldBytes / CostUnits.BytesPerGb * prices.ColdPerGbMonth,
            compute: vcpus * CostUnits.HoursPerDay * month * prices.VcpuHour);
        var events = rawPerMonth / input.BytesPerEvent;

        return new WhatIfEstimate
        {
            Assumptions = new WhatIfAssumptions
            {
                IngestBytesPerDay = input.IngestBytesPerDay,
                RetentionDays = input.RetentionDays,
                TierDays = tiers,
                CompressionRatio = input.CompressionRatio,
                WarmRollupReduction = input.WarmRollupReduction,
                ColdRollupReduction = input.ColdRollupReduction,
                SamplingRate = input.SamplingRate,
                DaysPerMonth = month,
                BytesPerEvent = input.BytesPerEvent,
                Prices = prices,
                IncumbentBasis = $"one month ({month} days) of the same raw bytes, unsampled, kept {input.RetentionDays} days; events = bytes / {input.BytesPerEvent}",
            },
            Monthly = monthly,
            StoredBytes = new TierBytes(CostUnits.Whole(hotBytes), CostUnits.Whole(warmBytes), CostUnits.Whole(coldBytes)),
            IngestedGbPerMonth = Math.Round(rawPerMonth / CostUnits.BytesPerGb, 3, MidpointRounding.AwayFromZero),
            Vcpus = Math.Round(vcpus, 3, MidpointRounding.AwayFromZero),
            CostPerGbIngested = CostUnits.Rate(monthly.Total / (rawPerMonth / CostUnits.BytesPerGb)),
            EventsPerMonth = CostUnits.Whole(events),
            Incumbents = IncumbentComparison.Price(incumbents, rawPerMonth, events, month, input.RetentionDays, month, monthly.Total),
            IncumbentsNote = IncumbentsNote,
        };
    }

    /// <summary>
    /// The cost of a tenant's metered period: ingestion and compute on the bytes accepted, storage on the bytes held
    /// (the mean of start and end when the start is known) for the period's fraction of a month.
    /// </summary>
    public static UsageCost ForUsage(
        MeteredUsage usage, CostPrices? prices = null, IncumbentPriceList? incumbents = null, UsageAssumptions? assumptions = null)
    {
        prices ??= CostPrices.Founding;
        incumbents ??= IncumbentPriceList.Default;
        assumptions ??= new UsageAssumptions();
        usage.Validate();
        prices.Validate();
        assumptions.Validate();

        var periodDays = (decimal)(usage.PeriodEnd - usage.PeriodStart).Ticks / TimeSpan.TicksPerDay;
        var months = periodDays / assumptions.DaysPerMonth;
        var start = usage.StoredAtStart ?? usage.StoredAtEnd;
        var end = usage.StoredAtEnd;
        var acceptedGb = usage.BytesAccepted / CostUnits.BytesPerGb;
        var vcpuHours = acceptedGb / prices.GbPerVcpuDay * CostUnits.HoursPerDay;

        var cost = CostBreakdown.Of(
            ingestion: acceptedGb * prices.IngestPerGb,
            hot: HeldGb(start.Hot, end.Hot) * prices.HotPerGbMonth * months,
            warm: HeldGb(start.Warm, end.Warm) * prices.WarmPerGbMonth * months,
            cold: HeldGb(start.Cold, end.Cold) * prices.ColdPerGbMonth * months,
            compute: vcpuHours * prices.VcpuHour);
        var eventsEstimated = usage.EventsAccepted is null;
        var events = usage.EventsAccepted ?? (long)CostUnits.Whole(usage.BytesAccepted / assumptions.BytesPerEvent);

        return new UsageCost
        {
            Usage = usage,
            Assumptions = assumptions with
            {
                Prices = prices,
                StorageBasis = usage.StoredAtStart is null
                    ? "bytes held at the end of the period, as if held all period, x the period as a fraction of a month"
                    : "mean of the bytes held at the start and the end of the period x the period as a fraction of a month",
                IncumbentBasis = $"the same raw bytes accepted over the period, unsampled, kept {usage.RetentionDays} days; " +
                    (eventsEstimated ? $"events = bytes / {assumptions.BytesPerEvent}" : "events as metered"),
            },
            PeriodDays = Math.Round(periodDays, 6, MidpointRounding.AwayFromZero),
            Months = Math.Round(months, 6, MidpointRounding.AwayFromZero),
            Cost = cost,
            VcpuHours = Math.Round(vcpuHours, 3, MidpointRounding.AwayFromZero),
            CostPerGbIngested = usage.BytesAccepted == 0 ? null : CostUnits.Rate(cost.Total / acceptedGb),
            Events = events,
            EventsEstimated = eventsEstimated,
            Incumbents = IncumbentComparison.Price(incumbents, usage.BytesAccepted, events, periodDays, usage.RetentionDays, assumptions.DaysPerMonth, cost.Total),
            IncumbentsNote = IncumbentsNote,
        };
    }

    private static decimal HeldGb(decimal atStart, decimal atEnd) => (atStart + atEnd) / 2m / CostUnits.BytesPerGb;
}
