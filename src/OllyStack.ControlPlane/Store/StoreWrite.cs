using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Roles;
using OllyStack.ControlPlane.Tenants;
using OllyStack.ControlPlane.Users;

namespace OllyStack.ControlPlane.Store;

/// <summary>One row-level change of a commit; a store applies a commit's writes in one transaction.</summary>
public abstract record StoreWrite;

public sealed record TenantSaved(Tenant Tenant) : StoreWrite;

/// <summary>Removes the tenant and everything that belongs to it (keys, users, roles, sessions).</summary>
public sealed record TenantDeleted(string Name) : StoreWrite;

public sealed record KeySaved(ApiKey Key) : StoreWrite;

public sealed record UserSaved(User User) : StoreWrite;

/// <summary>Removes the user and ends its sessions.</summary>
public sealed record UserDeleted(string Tenant, string Name) : StoreWrite;

/// <summary>Ends every session of the user: its password changed, or it was disabled.</summary>
public sealed record UserSessionsEnded(string Tenant, string Name) : StoreWrite;

public sealed record RoleSaved(Role Role) : StoreWrite;

public sealed record RoleDeleted(string Tenant, string Name) : StoreWrite;
