using System.Globalization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// A what-if as the API and CLI receive it: the <see cref="WhatIfInput"/> fields, plus optional price overrides on top
/// of the server's prices and an optional replacement incumbent document. From a JSON body:
/// <c>{"ingest_bytes_per_day":"100TB","retention_days":30,"prices":{"vcpu_hour":0.03},"incumbents":{...}}</c>;
/// from query parameters: <c>ingest_bytes_per_day=100TB&amp;retention_days=30&amp;prices.vcpu_hour=0.03</c>.
/// </summary>
public sealed record WhatIfRequest(WhatIfInput Input, CostPrices Prices, IncumbentPriceList Incumbents)
{
    private const string IngestField = "ingest_bytes_per_day";

    private static readonly string[] FieldNames = [.. WhatIfInput.FieldNames, "prices", "incumbents"];

    /// <summary>Runs the what-if.</summary>
    public WhatIfEstimate Estimate() => CostCalculator.WhatIf(Input, Prices, Incumbents);

    /// <param name="json">The request body.</param>
    /// <param name="prices">The server's prices, which the body's <c>prices</c> override field by field (default: the founding prices).</param>
    /// <param name="incumbents">The server's incumbent list, which the body's <c>incumbents</c> replaces (default: the shipped list).</param>
    public static WhatIfRequest Parse(string json, CostPrices? prices = null, IncumbentPriceList? incumbents = null)
    {
        var input = Unset;
        var hasVolume = false;
        prices ??= CostPrices.Founding;
        incumbents ??= IncumbentPriceList.Default;
        foreach (var field in StrictJson.Fields(StrictJson.ParseObject(json, "body"), ""))
        {
            switch (field.Name)
            {
                case "prices":
                    prices = prices.WithOverrides(field.Value, field.Path);
                    break;
                case "incumbents":
                    incumbents = IncumbentPriceList.Read(field.Value, field.Path);
                    break;
                default:
                    if (!WhatIfInput.FieldNames.Contains(field.Name)) throw StrictJson.Unknown(field, FieldNames);
                    hasVolume |= field.Name == IngestField;
                    input = input.With(field.Name, field.Name == IngestField ? StrictJson.Bytes(field) : StrictJson.Number(field))!;
                    break;
            }
        }
        return Checked(input, hasVolume, prices, incumbents);
    }

    /// <summary>
    /// Reads query parameters (or CLI options) by the same names; <c>prices.&lt;name&gt;</c> overrides one price. A
    /// replacement incumbent document needs the JSON body.
    /// </summary>
    public static WhatIfRequest FromQuery(IEnumerable<KeyValuePair<string, string?>> parameters, CostPrices? prices = null, IncumbentPriceList? incumbents = null)
    {
        var input = Unset;
        var hasVolume = false;
        prices ??= CostPrices.Founding;
        var overridden = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in parameters)
        {
            if (!seen.Add(name)) throw new CostInputException(name, $"{name} appears more than once");
            if (name.StartsWith("prices.", StringComparison.Ordinal))
            {
                var price = name["prices.".Length..];
                if (!CostPrices.FieldNames.Contains(price))
                    throw new CostInputException(name, $"unknown field {name}; the prices are {string.Join(", ", CostPrices.FieldNames)}");
                prices = prices.With(price, Number(name, text))!;
                overridden.Add(price);
                continue;
            }
            if (!WhatIfInput.FieldNames.Contains(name))
                throw new CostInputException(name, $"unknown field {name}; the fields here are {string.Join(", ", WhatIfInput.FieldNames)}, prices.<name>");
            hasVolume |= name == IngestField;
            input = input.With(name, name == IngestField ? ByteSize.Parse(name, text) : Number(name, text))!;
        }
        prices.Validate("prices");
        return Checked(input, hasVolume, prices.Overridden(overridden), incumbents ?? IncumbentPriceList.Default);
    }

    private static readonly WhatIfInput Unset = new() { IngestBytesPerDay = 0m };

    // The volume has no default: a request without it is refused rather than priced at some invented size.
    private static WhatIfRequest Checked(WhatIfInput input, bool hasVolume, CostPrices prices, IncumbentPriceList incumbents)
    {
        if (!hasVolume)
            throw new CostInputException(IngestField, $"{IngestField} is required: raw bytes received a day, e.g. 100TB");
        input.Tiers();
        return new WhatIfRequest(input, prices, incumbents);
    }

    private static decimal Number(string name, string? text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CostInputException(name, $"{name} must be a number (got '{text}')");
}
