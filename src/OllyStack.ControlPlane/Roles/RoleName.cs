using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane.Roles;

/// <summary>Role names follow the rule of tenant names: 1-64 of a-z, 0-9, '-' and '_'.</summary>
public static class RoleName
{
    public static bool IsValid(string? name) => TenantName.IsValid(name);
}
