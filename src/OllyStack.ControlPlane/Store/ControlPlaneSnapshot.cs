using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Roles;
using OllyStack.ControlPlane.Tenants;
using OllyStack.ControlPlane.Users;

namespace OllyStack.ControlPlane.Store;

/// <summary>Everything the control plane holds at one revision; small enough to keep in memory whole.</summary>
public sealed record ControlPlaneSnapshot(
    long Revision,
    IReadOnlyList<Tenant> Tenants,
    IReadOnlyList<ApiKey> Keys,
    IReadOnlyList<User> Users,
    IReadOnlyList<Role> Roles);
