using OllyStack.Core.Tenancy;

namespace OllyStack.Storage;

/// <summary>
/// How long a tenant's telemetry is kept: its plan's retention days, or its own override, while the control plane
/// knows the tenant; the store's configured retention otherwise (telemetry a deleted tenant left behind, or a store
/// run without a control plane). Looked up at every flush and maintenance round, so a change applies without a restart.
/// </summary>
public static class TenantRetention
{
    public static TimeSpan Of(string tenant, TimeSpan configured, ITenantPolicies? tenants) =>
        tenants?.Find(tenant) is { } policy ? TimeSpan.FromDays(policy.RetentionDays) : configured;
}
