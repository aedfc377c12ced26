namespace OllyStack.Core.Admission;

/// <summary>What an API key may do.</summary>
[Flags]
public enum KeyScopes
{
    None = 0,
    Ingest = 1,
    Query = 2,
    Admin = 4,
    All = Ingest | Query | Admin,
}

public static class KeyScopeNames
{
    /// <summary>
    /// What a key with these scopes may do: ingest writes, query reads every signal, admin manages alerts, keys, users,
    /// and reads usage and the audit log within its tenant (the operator tenant's admin keys manage every tenant).
    /// The scopes stay apart: an admin key neither writes nor reads telemetry unless it also has those scopes.
    /// </summary>
    public static Permissions ToPermissions(this KeyScopes scopes)
    {
        var permissions = Permissions.None;
        if (scopes.HasFlag(KeyScopes.Admin))
            permissions |= Permissions.AlertsManage | Permissions.TenantsManage | Permissions.UsersManage | Permissions.BillingRead | Permissions.AuditRead;
        if (scopes.HasFlag(KeyScopes.Ingest)) permissions |= Permissions.IngestWrite;
        if (scopes.HasFlag(KeyScopes.Query)) permissions |= Permissions.MetricsRead | Permissions.LogsRead | Permissions.TracesRead;
        return permissions;
    }

    public static IReadOnlyList<string> ToNames(this KeyScopes scopes)
    {
        var names = new List<string>(3);
        if (scopes.HasFlag(KeyScopes.Ingest)) names.Add("ingest");
        if (scopes.HasFlag(KeyScopes.Query)) names.Add("query");
        if (scopes.HasFlag(KeyScopes.Admin)) names.Add("admin");
        return names;
    }

    public static bool TryParse(IEnumerable<string> names, out KeyScopes scopes, out string? unknown)
    {
        scopes = KeyScopes.None;
        unknown = null;
        foreach (var name in names)
        {
            switch (name.Trim().ToLowerInvariant())
            {
                case "ingest": scopes |= KeyScopes.Ingest; break;
                case "query": scopes |= KeyScopes.Query; break;
                case "admin": scopes |= KeyScopes.Admin; break;
                default: unknown = name; return false;
            }
        }
        return true;
    }
}
