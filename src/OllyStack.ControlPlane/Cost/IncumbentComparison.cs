namespace OllyStack.ControlPlane.Cost;

/// <summary>Prices a span of ingested data at each incumbent's list prices (the formulas are in docs/cost.md).</summary>
internal static class IncumbentComparison
{
    /// <param name="rawBytes">Raw bytes ingested over the span (before any sampling: what the vendor would be sent).</param>
    /// <param name="events">Events in those bytes, for per-event prices.</param>
    /// <param name="spanDays">The span's length; free monthly allowances are prorated to it.</param>
    /// <param name="retentionDays">How long each byte is kept.</param>
    /// <param name="ollyStackTotal">OllyStack's total for the same span, for the ratio.</param>
    public static IReadOnlyList<IncumbentCost> Price(
        IncumbentPriceList incumbents, decimal rawBytes, decimal events, decimal spanDays, decimal retentionDays, decimal daysPerMonth, decimal ollyStackTotal) =>
        incumbents.Offers.Select(offer => Price(offer, rawBytes, events, spanDays, retentionDays, daysPerMonth, ollyStackTotal)).ToList();

    private static IncumbentCost Price(
        IncumbentOffer offer, decimal rawBytes, decimal events, decimal spanDays, decimal retentionDays, decimal daysPerMonth, decimal ollyStackTotal)
    {
        var units = rawBytes / offer.BytesPerUnit;
        var freeUnits = offer.FreeUnitsPerMonth * spanDays / daysPerMonth;
        var ingest = CostUnits.Cents(Math.Max(0m, units - freeUnits) * offer.IngestPerUnit);
        var perEvent = CostUnits.Cents(events / 1_000_000m * offer.PerMillionEvents);

        var extraDays = Math.Max(0m, retentionDays - offer.IncludedRetentionDays);
        var covers = extraDays == 0 || offer.ExtraRetentionPerUnitMonth is not null;
        var extraRetention = 0m;
        if (extraDays > 0 && offer.ExtraRetentionPerUnitMonth is { } perUnitMonth)
        {
            // Either every unit pays once per started increment, or each unit is held extraDays more: extraDays / month months.
            extraRetention = offer.ExtraRetentionIncrementDays is { } increment
                ? units * Math.Ceiling(extraDays / increment) * perUnitMonth
                : units * extraDays / daysPerMonth * perUnitMonth;
        }
        extraRetention = CostUnits.Cents(extraRetention);

        var total = ingest + perEvent + extraRetention;
        return new IncumbentCost
        {
            Vendor = offer.Vendor,
            Product = offer.Product,
            Ingest = ingest,
            Events = perEvent,
            ExtraRetention = extraRetention,
            Total = total,
            CostPerGbIngested = rawBytes == 0 ? null : CostUnits.Rate(total / (rawBytes / CostUnits.BytesPerGb)),
            TimesOllyStack = ollyStackTotal == 0 ? null : Math.Round(total / ollyStackTotal, 1, MidpointRounding.AwayFromZero),
            CoversRetention = covers,
            IncludedRetentionDays = offer.IncludedRetentionDays,
            Source = offer.Source,
            AsOf = offer.AsOf,
            Notes = offer.Notes,
        };
    }
}
