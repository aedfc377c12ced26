using System.Text.Json;
using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// The incumbents' list prices the calculator compares against: data, not code, so they can be corrected or replaced
/// without a release. <see cref="Default"/> is the list shipped with OllyStack (<see cref="DefaultJson"/>); a caller
/// may pass a replacement document of the same shape (docs/cost.md).
/// </summary>
public sealed record IncumbentPriceList
{
    [JsonPropertyName("version")] public int Version { get; init; } = 1;

    [JsonPropertyName("note")] public string Note { get; init; } = "";

    [JsonPropertyName("vendors")] public required IReadOnlyList<IncumbentOffer> Offers { get; init; }

    private static readonly string[] FieldNames = ["version", "note", "vendors"];

    /// <summary>The shipped document, for printing or editing into a replacement.</summary>
    public static string DefaultJson => DefaultIncumbents.Json;

    public static IncumbentPriceList Default { get; } = Parse(DefaultIncumbents.Json);

    /// <summary>Reads a replacement document; throws a <see cref="CostInputException"/> naming the first bad field.</summary>
    public static IncumbentPriceList Parse(string json) => Read(StrictJson.ParseObject(json, "incumbents"), "");

    internal static IncumbentPriceList Read(JsonElement document, string path)
    {
        var version = 1;
        var note = "";
        List<IncumbentOffer>? offers = null;
        foreach (var field in StrictJson.Fields(document, path))
        {
            switch (field.Name)
            {
                case "version":
                    if (StrictJson.Number(field) != 1) throw new CostInputException(field.Path, $"{field.Path} must be 1, the only version there is");
                    version = 1;
                    break;
                case "note":
                    note = StrictJson.Text(field);
                    break;
                case "vendors":
                    if (field.Value.ValueKind != JsonValueKind.Array) throw new CostInputException(field.Path, $"{field.Path} must be an array of vendor prices");
                    offers = field.Value.EnumerateArray().Select((offer, i) => IncumbentOffer.Read(offer, $"{field.Path}[{i}]")).ToList();
                    break;
                default:
                    throw StrictJson.Unknown(field, FieldNames);
            }
        }
        var vendors = StrictJson.Child(path, "vendors");
        return new IncumbentPriceList { Version = version, Note = note, Offers = offers ?? throw new CostInputException(vendors, $"{vendors} is required") };
    }
}
