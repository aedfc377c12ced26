using OllyStack.ControlPlane.Store;

namespace OllyStack.Server.Hosting;

/// <summary>
/// Which control-plane store a node opens: PostgreSQL when the control_plane setting names one (every node naming
/// the same database shares tenants, keys, users, sessions, audit and usage), else SQLite in its data folder.
/// </summary>
public static class ControlPlaneStores
{
    public static IControlPlaneStore Open(string? controlPlane, string dataDir) =>
        controlPlane is null ? SqliteControlPlaneStore.Open(dataDir) : PostgresControlPlaneStore.Open(controlPlane);

    /// <summary>Opens the store only to read it (verifying the audit log while servers run); nothing is migrated or written.</summary>
    public static IControlPlaneStore OpenReadOnly(string? controlPlane, string dataDir) =>
        controlPlane is null ? SqliteControlPlaneStore.OpenReadOnly(dataDir) : PostgresControlPlaneStore.OpenReadOnly(controlPlane);
}
