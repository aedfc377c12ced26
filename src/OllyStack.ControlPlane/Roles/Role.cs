using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Roles;

/// <summary>A tenant's own role: a name and the permissions it grants. The built-in roles are in <see cref="BuiltInRoles"/>.</summary>
public sealed record Role(string Tenant, string Name, Permissions Permissions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
