using System.Text.Json;

namespace OllyStack.ControlPlane.Tenants;

/// <summary>
/// The tenant resource as the API shows it and the audit log records it: name, plan, suspended, every effective
/// limit, which of them the tenant overrides, and when it was created and last changed.
/// </summary>
public static class TenantJson
{
    public static void Write(Utf8JsonWriter json, Tenant tenant)
    {
        json.WriteStartObject();
        json.WriteString("name", tenant.Name);
        json.WriteString("plan", tenant.Plan);
        json.WriteBoolean("suspended", tenant.Suspended);
        json.WritePropertyName("limits");
        TenantLimitsJson.Write(json, tenant.Limits);
        json.WriteStartArray("overridden_limits");
        foreach (var name in tenant.Overrides.SetFields()) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteString("created_at", tenant.CreatedAt.UtcDateTime);
        json.WriteString("updated_at", tenant.UpdatedAt.UtcDateTime);
        json.WriteEndObject();
    }

    public static string ToJson(Tenant tenant) => JsonText.Of(json => Write(json, tenant));
}
