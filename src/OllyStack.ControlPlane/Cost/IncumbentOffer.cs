using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// One incumbent's list price for volume-priced telemetry (logs, in practice), in its own billing unit: per unit
/// ingested, per million events (converted from bytes with an assumed event size), the retention those include, and
/// what keeping data longer costs. A null extra-retention price means the vendor sells no longer retention at a list
/// price, so a comparison over a longer retention is a lower bound for it.
/// </summary>
public sealed record IncumbentOffer
{
    [JsonPropertyName("vendor")] public required string Vendor { get; init; }

    [JsonPropertyName("product")] public required string Product { get; init; }

    /// <summary>"GB" (10^9 bytes) or "GiB" (2^30 bytes): the unit every per-unit figure below is in.</summary>
    [JsonPropertyName("billing_unit")] public string BillingUnit { get; init; } = "GB";

    [JsonPropertyName("ingest_per_unit")] public decimal IngestPerUnit { get; init; }

    /// <summary>Units a month not charged for ingestion (a free allowance).</summary>
    [JsonPropertyName("free_units_per_month")] public decimal FreeUnitsPerMonth { get; init; }

    [JsonPropertyName("per_million_events")] public decimal PerMillionEvents { get; init; }

    /// <summary>Days of retention the ingest and event prices include.</summary>
    [JsonPropertyName("included_retention_days")] public decimal IncludedRetentionDays { get; init; }

    /// <summary>Per unit per month kept beyond the included days; null when not sold at a list price.</summary>
    [JsonPropertyName("extra_retention_per_unit_month")] public decimal? ExtraRetentionPerUnitMonth { get; init; }

    /// <summary>
    /// When set, extra retention is sold in increments of this many days, each charged once per unit ingested at the
    /// monthly price (rounded up, as Grafana Cloud bills 30-day increments); when null it is charged per unit held per
    /// month, prorated by the day (as Google Cloud Logging bills it).
    /// </summary>
    [JsonPropertyName("extra_retention_increment_days")] public decimal? ExtraRetentionIncrementDays { get; init; }

    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>The date the price was last checked against <see cref="Source"/>.</summary>
    [JsonPropertyName("as_of")] public required DateOnly AsOf { get; init; }

    [JsonPropertyName("notes")] public string Notes { get; init; } = "";

    [JsonIgnore] public decimal BytesPerUnit => BillingUnit == "GiB" ? CostUnits.BytesPerGiB : CostUnits.BytesPerGb;

    internal static readonly string[] FieldNames =
    [
        "vendor", "product", "billing_unit", "ingest_per_unit", "free_units_per_month", "per_million_events",
        "included_retention_days", "extra_retention_per_unit_month", "extra_retention_increment_days", "source", "as_of", "notes",
    ];

    internal static IncumbentOffer Read(JsonElement element, string path)
    {
        string? vendor = null, product = null, source = null;
        DateOnly? asOf = null;
        var offer = new IncumbentOffer { Vendor = "", Product = "", Source = "", AsOf = default };
        foreach (var field in StrictJson.Fields(element, path))
        {
            switch (field.Name)
            {
                case "vendor": vendor = StrictJson.Text(field); break;
                case "product": product = StrictJson.Text(field); break;
                case "billing_unit": offer = offer with { BillingUnit = StrictJson.Text(field) }; break;
                case "ingest_per_unit": offer = offer with { IngestPerUnit = StrictJson.Number(field) }; break;
                case "free_units_per_month": offer = offer with { FreeUnitsPerMonth = StrictJson.Number(field) }; break;
                case "per_million_events": offer = offer with { PerMillionEvents = StrictJson.Number(field) }; break;
                case "included_retention_days": offer = offer with { IncludedRetentionDays = StrictJson.Number(field) }; break;
                case "extra_retention_per_unit_month": offer = offer with { ExtraRetentionPerUnitMonth = StrictJson.NumberOrNull(field) }; break;
                case "extra_retention_increment_days": offer = offer with { ExtraRetentionIncrementDays = StrictJson.NumberOrNull(field) }; break;
                case "source": source = StrictJson.Text(field); break;
                case "as_of": asOf = Date(field); break;
                case "notes": offer = offer with { Notes = StrictJson.Text(field) }; break;
                default: throw StrictJson.Unknown(field, FieldNames);
            }
        }
        offer = offer with
        {
            Vendor = vendor ?? throw Missing(path, "vendor"),
            Product = product ?? throw Missing(path, "product"),
            Source = source ?? throw Missing(path, "source"),
            AsOf = asOf ?? throw Missing(path, "as_of"),
        };
        offer.Validate(path);
        return offer;
    }

    /// <summary>Throws a <see cref="CostInputException"/> naming the first field that is missing or out of range.</summary>
    public void Validate(string path = "")
    {
        Required(path, "vendor", Vendor);
        Required(path, "product", Product);
        if (BillingUnit is not ("GB" or "GiB"))
            throw new CostInputException(StrictJson.Child(path, "billing_unit"), $"{StrictJson.Child(path, "billing_unit")} must be \"GB\" or \"GiB\" (got \"{BillingUnit}\")");
        Price(path, "ingest_per_unit", IngestPerUnit);
        Price(path, "free_units_per_month", FreeUnitsPerMonth);
        Price(path, "per_million_events", PerMillionEvents);
        Days(path, "included_retention_days", IncludedRetentionDays, allowZero: true);
        if (ExtraRetentionPerUnitMonth is { } extra) Price(path, "extra_retention_per_unit_month", extra);
        if (ExtraRetentionIncrementDays is { } increment) Days(path, "extra_retention_increment_days", increment, allowZero: false);
        if (!Uri.TryCreate(Source, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new CostInputException(StrictJson.Child(path, "source"), $"{StrictJson.Child(path, "source")} must be the http(s) address of the price's public page (got \"{Source}\")");
        if (AsOf == default)
            throw Missing(path, "as_of");
    }

    private static DateOnly Date(JsonField field) =>
        DateOnly.TryParseExact(StrictJson.Text(field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CostInputException(field.Path, $"{field.Path} must be a date written yyyy-MM-dd (got \"{field.Value.GetString()}\")");

    private static void Required(string path, string name, string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw Missing(path, name);
    }

    private static CostInputException Missing(string path, string name) =>
        new(StrictJson.Child(path, name), $"{StrictJson.Child(path, name)} is required");

    private static void Price(string path, string name, decimal value)
    {
        if (value < 0 || value > CostPrices.MaxPrice)
            throw CostInputException.Invalid(StrictJson.Child(path, name), $"must be from 0 to {CostPrices.MaxPrice:0}", value);
    }

    private static void Days(string path, string name, decimal value, bool allowZero)
    {
        if (value < 0 || (!allowZero && value == 0) || value > WhatIfInput.MaxDays)
            throw CostInputException.Invalid(StrictJson.Child(path, name), $"must be {(allowZero ? "from 0" : "greater than 0 and")} up to {WhatIfInput.MaxDays:0} days", value);
    }
}
