using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Roles;

/// <summary>
/// The roles every tenant has; their names are reserved. admin may do everything (tenants:manage reaches other
/// tenants only for the operator tenant's admins), editor reads every signal, writes telemetry and manages alerts,
/// viewer reads every signal.
/// </summary>
public static class BuiltInRoles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Viewer = "viewer";

    private const Permissions Reads = Permissions.MetricsRead | Permissions.LogsRead | Permissions.TracesRead;

    public static IReadOnlyList<(string Name, Permissions Permissions)> All { get; } =
    [
        (Admin, Permissions.All),
        (Editor, Reads | Permissions.IngestWrite | Permissions.AlertsManage),
        (Viewer, Reads),
    ];

    public static bool IsBuiltIn(string name) => All.Any(r => r.Name == name);

    public static Permissions? Find(string name)
    {
        foreach (var role in All)
            if (role.Name == name) return role.Permissions;
        return null;
    }
}
