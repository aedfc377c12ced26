using System.Text.Json;

namespace OllyStack.ControlPlane.Cost;

/// <summary>One field of a JSON object with its path from the document's root, for error messages.</summary>
internal readonly record struct JsonField(string Name, string Path, JsonElement Value);

/// <summary>
/// Reads the cost documents strictly: an unknown or repeated field, or a value of the wrong kind, is a
/// <see cref="CostInputException"/> naming the field, so a typo in a price never silently falls back to a default.
/// </summary>
internal static class StrictJson
{
    public static JsonElement ParseObject(string json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new CostInputException(what, $"{what} must be a JSON object");
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CostInputException(what, $"{what} is not valid JSON: {e.Message}");
        }
    }

    public static IEnumerable<JsonField> Fields(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new CostInputException(path, $"{path} must be a JSON object");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var fieldPath = Child(path, property.Name);
            if (!seen.Add(property.Name)) throw new CostInputException(fieldPath, $"{fieldPath} appears more than once");
            yield return new JsonField(property.Name, fieldPath, property.Value);
        }
    }

    public static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static CostInputException Unknown(JsonField field, IEnumerable<string> known) =>
        new(field.Path, $"unknown field {field.Path}; the fields here are {string.Join(", ", known)}");

    public static decimal Number(JsonField field) =>
        field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetDecimal(out var value)
            ? value
            : throw new CostInputException(field.Path, $"{field.Path} must be a number");

    /// <summary>A number, or null for "not offered" (an incumbent's missing price).</summary>
    public static decimal? NumberOrNull(JsonField field) =>
        field.Value.ValueKind == JsonValueKind.Null ? null : Number(field);

    public static string Text(JsonField field) =>
        field.Value.ValueKind == JsonValueKind.String
            ? field.Value.GetString()!
            : throw new CostInputException(field.Path, $"{field.Path} must be a string");

    /// <summary>A byte count: a number of bytes, or a size with a unit such as "100TB" (<see cref="ByteSize"/>).</summary>
    public static decimal Bytes(JsonField field) =>
        field.Value.ValueKind == JsonValueKind.String ? ByteSize.Parse(field.Path, field.Value.GetString()!) : Number(field);
}
