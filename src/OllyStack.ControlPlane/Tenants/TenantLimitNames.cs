namespace OllyStack.ControlPlane.Tenants;

/// <summary>The JSON names of the limit fields, shared by the API, the store and error messages.</summary>
public static class TenantLimitNames
{
    public const string MaxEventsPerSecond = "max_events_per_second";
    public const string MaxBytesPerDay = "max_bytes_per_day";
    public const string MaxBytesPerMonth = "max_bytes_per_month";
    public const string MaxStorageBytes = "max_storage_bytes";
    public const string RetentionDays = "retention_days";
    public const string SamplingRate = "sampling_rate";
    public const string AllowedFeatures = "allowed_features";
    public const string OverageRate = "overage_rate";

    public static IReadOnlyList<string> All { get; } =
        [MaxEventsPerSecond, MaxBytesPerDay, MaxBytesPerMonth, MaxStorageBytes, RetentionDays, SamplingRate, AllowedFeatures, OverageRate];
}
