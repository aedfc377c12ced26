using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Tenants;

namespace OllyStack.ControlPlane.Store;

/// <summary>One row-level change of a commit; a store applies a commit's writes in one transaction.</summary>
public abstract record StoreWrite;

public sealed record TenantSaved(Tenant Tenant) : StoreWrite;

/// <summary>Removes the tenant and everything that belongs to it (keys, users, roles).</summary>
public sealed record TenantDeleted(string Name) : StoreWrite;

public sealed record KeySaved(ApiKey Key) : StoreWrite;
