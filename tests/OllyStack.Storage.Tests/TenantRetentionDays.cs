using OllyStack.Core.Tenancy;

namespace OllyStack.Storage.Tests;

/// <summary>Tenants the control plane would know, each with only its retention set; a test changes them as PATCH would.</summary>
internal sealed class TenantRetentionDays : ITenantPolicies
{
    private readonly Dictionary<string, TenantPolicy> _tenants = [];

    public TenantRetentionDays Set(string tenant, int days)
    {
        _tenants[tenant] = new TenantPolicy(tenant, "enterprise", false, long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue, days, 1, Features.All, 0);
        return this;
    }

    public TenantPolicy? Find(string tenant) => _tenants.GetValueOrDefault(tenant);
}
