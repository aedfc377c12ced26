using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane.Tenants;

/// <summary>
/// The limits of a tenant, field by field. A plan gives every field; a tenant's overrides give some of them
/// (the others are null) and <see cref="Over"/> lays them over the plan.
/// </summary>
public sealed record TenantLimits(
    long? MaxEventsPerSecond = null,
    long? MaxBytesPerDay = null,
    long? MaxBytesPerMonth = null,
    long? MaxStorageBytes = null,
    int? RetentionDays = null,
    double? SamplingRate = null,
    Features? AllowedFeatures = null,
    decimal? OverageRate = null)
{
    public static TenantLimits None { get; } = new();

    public bool IsEmpty => this == None;

    /// <summary>These limits where they are set, <paramref name="defaults"/> elsewhere.</summary>
    public TenantLimits Over(TenantLimits defaults) => new(
        MaxEventsPerSecond ?? defaults.MaxEventsPerSecond,
        MaxBytesPerDay ?? defaults.MaxBytesPerDay,
        MaxBytesPerMonth ?? defaults.MaxBytesPerMonth,
        MaxStorageBytes ?? defaults.MaxStorageBytes,
        RetentionDays ?? defaults.RetentionDays,
        SamplingRate ?? defaults.SamplingRate,
        AllowedFeatures ?? defaults.AllowedFeatures,
        OverageRate ?? defaults.OverageRate);

    /// <summary>The names (as in the API) of the fields that are set.</summary>
    public IReadOnlyList<string> SetFields()
    {
        var names = new List<string>();
        if (MaxEventsPerSecond is not null) names.Add(TenantLimitNames.MaxEventsPerSecond);
        if (MaxBytesPerDay is not null) names.Add(TenantLimitNames.MaxBytesPerDay);
        if (MaxBytesPerMonth is not null) names.Add(TenantLimitNames.MaxBytesPerMonth);
        if (MaxStorageBytes is not null) names.Add(TenantLimitNames.MaxStorageBytes);
        if (RetentionDays is not null) names.Add(TenantLimitNames.RetentionDays);
        if (SamplingRate is not null) names.Add(TenantLimitNames.SamplingRate);
        if (AllowedFeatures is not null) names.Add(TenantLimitNames.AllowedFeatures);
        if (OverageRate is not null) names.Add(TenantLimitNames.OverageRate);
        return names;
    }
}
