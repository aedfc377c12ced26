using System.Text.Json;

namespace OllyStack.ControlPlane;

/// <summary>Strict reading of admin request bodies: only known fields, each of the right type, errors that name the field.</summary>
internal static class RequestJson
{
    public static void CheckFields(JsonElement body, IReadOnlyCollection<string> fields)
    {
        if (body.ValueKind != JsonValueKind.Object) throw Invalid("the body must be a JSON object");
        foreach (var field in body.EnumerateObject())
            if (!fields.Contains(field.Name)) throw Invalid($"unknown field '{field.Name}'; expected {string.Join(", ", fields)}");
    }

    public static string? OptionalString(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid($"{name} must be a string");

    public static bool? OptionalBoolean(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Invalid($"{name} must be true or false");

    public static ControlPlaneException Invalid(string message) => new(ControlPlaneError.Invalid, message);
}
