namespace OllyStack.ControlPlane.Tenants;

/// <summary>Checks that every set limit is usable; a message names the first field that is not.</summary>
public static class TenantLimitsValidation
{
    public static void Check(TenantLimits limits)
    {
        Positive(limits.MaxEventsPerSecond, TenantLimitNames.MaxEventsPerSecond);
        Positive(limits.MaxBytesPerDay, TenantLimitNames.MaxBytesPerDay);
        Positive(limits.MaxBytesPerMonth, TenantLimitNames.MaxBytesPerMonth);
        Positive(limits.MaxStorageBytes, TenantLimitNames.MaxStorageBytes);
        if (limits.RetentionDays is < 1 or > 3650)
            throw Invalid(TenantLimitNames.RetentionDays, "must be 1 to 3650 days");
        if (limits.SamplingRate is { } rate && !(rate > 0 && rate <= 1))
            throw Invalid(TenantLimitNames.SamplingRate, "must be above 0 and at most 1 (the fraction of traces kept)");
        if (limits.OverageRate is < 0)
            throw Invalid(TenantLimitNames.OverageRate, "must be 0 (byte quotas are hard) or a price per GB beyond them");
    }

    private static void Positive(long? value, string name)
    {
        if (value is <= 0) throw Invalid(name, "must be a positive integer");
    }

    private static ControlPlaneException Invalid(string name, string rule) => new(ControlPlaneError.Invalid, $"limits.{name} {rule}");
}
