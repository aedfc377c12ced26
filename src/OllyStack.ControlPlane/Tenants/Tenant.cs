using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane.Tenants;

/// <summary>A tenant as the control plane keeps it: its plan and only the limits it overrides.</summary>
public sealed record Tenant(string Name, string Plan, bool Suspended, TenantLimits Overrides, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Every limit: the overrides laid over the plan's defaults.</summary>
    public TenantLimits Limits => Overrides.Over(Plans.LimitsOf(Plan));

    public TenantPolicy Policy()
    {
        var limits = Limits;
        return new TenantPolicy(
            Name, Plan, Suspended, limits.MaxEventsPerSecond!.Value, limits.MaxBytesPerDay!.Value, limits.MaxBytesPerMonth!.Value,
            limits.MaxStorageBytes!.Value, limits.RetentionDays!.Value, limits.SamplingRate!.Value, limits.AllowedFeatures!.Value,
            limits.OverageRate!.Value);
    }
}
