using System.Text.Json;
using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane.Tenants;

/// <summary>
/// The <c>limits</c> object of the tenant resource: written with the fields that are set, read strictly (an unknown
/// field or a wrong type is an error naming it). In a change, <c>null</c> clears an override so the plan's value applies.
/// </summary>
public static class TenantLimitsJson
{
    public static void Write(Utf8JsonWriter json, TenantLimits limits)
    {
        json.WriteStartObject();
        if (limits.MaxEventsPerSecond is { } eventsPerSecond) json.WriteNumber(TenantLimitNames.MaxEventsPerSecond, eventsPerSecond);
        if (limits.MaxBytesPerDay is { } perDay) json.WriteNumber(TenantLimitNames.MaxBytesPerDay, perDay);
        if (limits.MaxBytesPerMonth is { } perMonth) json.WriteNumber(TenantLimitNames.MaxBytesPerMonth, perMonth);
        if (limits.MaxStorageBytes is { } storage) json.WriteNumber(TenantLimitNames.MaxStorageBytes, storage);
        if (limits.RetentionDays is { } retention) json.WriteNumber(TenantLimitNames.RetentionDays, retention);
        if (limits.SamplingRate is { } sampling) json.WriteNumber(TenantLimitNames.SamplingRate, sampling);
        if (limits.AllowedFeatures is { } features)
        {
            json.WriteStartArray(TenantLimitNames.AllowedFeatures);
            foreach (var name in features.ToNames()) json.WriteStringValue(name);
            json.WriteEndArray();
        }
        if (limits.OverageRate is { } overage) json.WriteNumber(TenantLimitNames.OverageRate, overage);
        json.WriteEndObject();
    }

    public static TenantLimits Read(JsonElement element) => Change(TenantLimits.None, element);

    /// <summary><paramref name="current"/> with the fields of <paramref name="element"/> set, or cleared where they are null.</summary>
    public static TenantLimits Change(TenantLimits current, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Invalid("limits must be an object");
        var limits = current;
        foreach (var field in element.EnumerateObject())
        {
            var value = field.Value;
            var clear = value.ValueKind == JsonValueKind.Null;
            limits = field.Name switch
            {
                TenantLimitNames.MaxEventsPerSecond => limits with { MaxEventsPerSecond = clear ? null : Integer(field) },
                TenantLimitNames.MaxBytesPerDay => limits with { MaxBytesPerDay = clear ? null : Integer(field) },
                TenantLimitNames.MaxBytesPerMonth => limits with { MaxBytesPerMonth = clear ? null : Integer(field) },
                TenantLimitNames.MaxStorageBytes => limits with { MaxStorageBytes = clear ? null : Integer(field) },
                TenantLimitNames.RetentionDays => limits with { RetentionDays = clear ? null : (int)Math.Clamp(Integer(field), int.MinValue, int.MaxValue) },
                TenantLimitNames.SamplingRate => limits with { SamplingRate = clear ? null : Number(field) },
                TenantLimitNames.AllowedFeatures => limits with { AllowedFeatures = clear ? null : FeatureList(field) },
                TenantLimitNames.OverageRate => limits with { OverageRate = clear ? null : (decimal)Number(field) },
                _ => throw Invalid($"unknown limit '{field.Name}'; limits are {string.Join(", ", TenantLimitNames.All)}"),
            };
        }
        TenantLimitsValidation.Check(limits);
        return limits;
    }

    private static long Integer(JsonProperty field) =>
        field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt64(out var value)
            ? value
            : throw Invalid($"limits.{field.Name} must be an integer");

    private static double Number(JsonProperty field) =>
        field.Value.ValueKind == JsonValueKind.Number ? field.Value.GetDouble() : throw Invalid($"limits.{field.Name} must be a number");

    private static Features FeatureList(JsonProperty field)
    {
        if (field.Value.ValueKind != JsonValueKind.Array || field.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw Invalid($"limits.{field.Name} must be a list of feature names (metrics, logs, traces, ml)");
        if (!FeatureNames.TryParse(field.Value.EnumerateArray().Select(e => e.GetString()!), out var features, out var unknown))
            throw Invalid($"limits.{field.Name}: unknown feature '{unknown}'; features are metrics, logs, traces and ml");
        return features;
    }

    private static ControlPlaneException Invalid(string message) => new(ControlPlaneError.Invalid, message);
}
