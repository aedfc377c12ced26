namespace OllyStack.Core.Tenancy;

/// <summary>The current policy of every tenant; admission reads it per batch, so lookups take no lock.</summary>
public interface ITenantPolicies
{
    /// <summary>The tenant's policy, or null if the tenant does not exist (it was deleted).</summary>
    TenantPolicy? Find(string tenant);
}
