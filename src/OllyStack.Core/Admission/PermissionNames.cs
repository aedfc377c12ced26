namespace OllyStack.Core.Admission;

/// <summary>The names permissions have in the API and in role definitions: <c>metrics:read</c>, <c>ingest:write</c>, ...</summary>
public static class PermissionNames
{
    private static readonly (Permissions Permission, string Name)[] Names =
    [
        (Permissions.MetricsRead, "metrics:read"),
        (Permissions.LogsRead, "logs:read"),
        (Permissions.TracesRead, "traces:read"),
        (Permissions.IngestWrite, "ingest:write"),
        (Permissions.AlertsManage, "alerts:manage"),
        (Permissions.TenantsManage, "tenants:manage"),
        (Permissions.UsersManage, "users:manage"),
        (Permissions.BillingRead, "billing:read"),
        (Permissions.AuditRead, "audit:read"),
    ];

    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    public static IReadOnlyList<string> ToNames(this Permissions permissions) =>
        Names.Where(n => (permissions & n.Permission) != 0).Select(n => n.Name).ToArray();

    /// <summary>The name of one permission; a combination is named by its lowest set permission.</summary>
    public static string Name(this Permissions permission) =>
        Names.FirstOrDefault(n => (permission & n.Permission) != 0).Name ?? "none";

    public static bool TryParse(IEnumerable<string> names, out Permissions permissions, out string? unknown)
    {
        permissions = Permissions.None;
        unknown = null;
        foreach (var name in names)
        {
            var trimmed = name.Trim();
            var match = Array.FindIndex(Names, n => n.Name == trimmed);
            if (match < 0)
            {
                unknown = name;
                return false;
            }
            permissions |= Names[match].Permission;
        }
        return true;
    }
}
