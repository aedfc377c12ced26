using System.Text.Json;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Roles;

/// <summary>A role as the API shows it and the audit log records it: name, tenant, whether built in, and its permissions.</summary>
public static class RoleJson
{
    public static void Write(Utf8JsonWriter json, Role role) =>
        Write(json, role.Tenant, role.Name, false, role.Permissions, role.CreatedAt, role.UpdatedAt);

    public static void WriteBuiltIn(Utf8JsonWriter json, string tenant, string name, Permissions permissions) =>
        Write(json, tenant, name, true, permissions, null, null);

    public static string ToJson(Role role) => JsonText.Of(json => Write(json, role));

    private static void Write(Utf8JsonWriter json, string tenant, string name, bool builtIn, Permissions permissions, DateTimeOffset? created, DateTimeOffset? updated)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("tenant", tenant);
        json.WriteBoolean("built_in", builtIn);
        json.WriteStartArray("permissions");
        foreach (var permission in permissions.ToNames()) json.WriteStringValue(permission);
        json.WriteEndArray();
        if (created is { } createdAt) json.WriteString("created_at", createdAt.UtcDateTime);
        if (updated is { } updatedAt) json.WriteString("updated_at", updatedAt.UtcDateTime);
        json.WriteEndObject();
    }
}
