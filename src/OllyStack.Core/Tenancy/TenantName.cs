namespace OllyStack.Core.Tenancy;

/// <summary>Tenant names: 1-64 characters of lower-case letters, digits, '-' and '_', so they are safe in paths and labels.</summary>
public static class TenantName
{
    public const string Default = "default";

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64) return false;
        foreach (var c in name)
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_')) return false;
        return true;
    }
}
