using System.Text.Json;
using OllyStack.Core.Admission;
using static OllyStack.ControlPlane.RequestJson;

namespace OllyStack.ControlPlane.Roles;

/// <summary>
/// The bodies of <c>POST /api/v1/admin/roles</c> (<c>name</c>, <c>permissions</c>) and of
/// <c>PATCH .../roles/{name}</c> (<c>permissions</c>); unknown fields and wrong types are errors that name the field.
/// </summary>
public static class RoleRequest
{
    private static readonly string[] Fields = ["name", "permissions"];

    public static (string Name, Permissions Permissions) ReadCreate(JsonElement body)
    {
        CheckFields(body, Fields);
        var name = OptionalString(body, "name") ?? throw Invalid("name is required");
        return (name, ReadPermissions(body) ?? throw Invalid($"permissions is required: a list of {string.Join(", ", PermissionNames.All)}"));
    }

    /// <summary>The new permissions of the role (null: unchanged); a <c>name</c> other than the role's is refused (roles are not renamed).</summary>
    public static Permissions? ReadChange(string role, JsonElement body)
    {
        CheckFields(body, Fields);
        if (OptionalString(body, "name") is { } name && name != role) throw Invalid($"name '{name}' differs from the role '{role}': roles cannot be renamed");
        return ReadPermissions(body);
    }

    private static Permissions? ReadPermissions(JsonElement body)
    {
        if (!body.TryGetProperty("permissions", out var list) || list.ValueKind == JsonValueKind.Null) return null;
        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String))
            throw Invalid("permissions must be a list like [\"metrics:read\",\"logs:read\"]");
        if (!PermissionNames.TryParse(list.EnumerateArray().Select(p => p.GetString()!), out var permissions, out var unknown))
            throw Invalid($"unknown permission '{unknown}'; permissions are {string.Join(", ", PermissionNames.All)}");
        return permissions;
    }
}
