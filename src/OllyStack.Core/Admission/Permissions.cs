namespace OllyStack.Core.Admission;

/// <summary>
/// What a principal may do. Users get them through roles, API keys through scopes (<see cref="KeyScopeNames.ToPermissions"/>);
/// every API endpoint checks one.
/// </summary>
[Flags]
public enum Permissions
{
    None = 0,
    MetricsRead = 1 << 0,
    LogsRead = 1 << 1,
    TracesRead = 1 << 2,
    IngestWrite = 1 << 3,
    AlertsManage = 1 << 4,
    TenantsManage = 1 << 5,
    UsersManage = 1 << 6,
    BillingRead = 1 << 7,
    AuditRead = 1 << 8,
    All = (1 << 9) - 1,
}
