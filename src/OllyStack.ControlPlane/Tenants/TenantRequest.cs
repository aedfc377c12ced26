using System.Text.Json;
using static OllyStack.ControlPlane.RequestJson;

namespace OllyStack.ControlPlane.Tenants;

/// <summary>
/// The body of <c>POST /api/v1/admin/tenants</c> (<see cref="ReadCreate"/>) and of <c>PATCH .../tenants/{name}</c>
/// (<see cref="ReadChange"/>): <c>name</c>, <c>plan</c>, <c>suspended</c>, <c>limits</c>. Unknown fields and wrong
/// types are errors that name the field.
/// </summary>
public static class TenantRequest
{
    private static readonly string[] Fields = ["name", "plan", "suspended", "limits"];

    public static (string Name, string Plan, bool Suspended, TenantLimits Overrides) ReadCreate(JsonElement body)
    {
        CheckFields(body, Fields);
        var name = OptionalString(body, "name") ?? throw Invalid("name is required");
        return (name, OptionalString(body, "plan") ?? Plans.Free, OptionalBoolean(body, "suspended") ?? false,
            body.TryGetProperty("limits", out var limits) && limits.ValueKind != JsonValueKind.Null ? TenantLimitsJson.Read(limits) : TenantLimits.None);
    }

    /// <summary>The change a PATCH body describes; a <c>name</c> other than the tenant's is refused (tenants are not renamed).</summary>
    public static Func<Tenant, Tenant> ReadChange(string tenant, JsonElement body)
    {
        CheckFields(body, Fields);
        if (OptionalString(body, "name") is { } name && name != tenant) throw Invalid($"name '{name}' differs from the tenant '{tenant}': tenants cannot be renamed");
        var plan = OptionalString(body, "plan");
        var suspended = OptionalBoolean(body, "suspended");
        var hasLimits = body.TryGetProperty("limits", out var limits);
        if (hasLimits && limits.ValueKind == JsonValueKind.Null) throw Invalid("limits must be an object; to return a limit to the plan's value set it to null inside limits");
        // Checked now, so a bad value is refused before anything is looked up; applied to the overrides current at commit.
        JsonElement? change = hasLimits ? limits.Clone() : null;
        if (change is { } early) TenantLimitsJson.Change(TenantLimits.None, early);
        return current => current with
        {
            Plan = plan ?? current.Plan,
            Suspended = suspended ?? current.Suspended,
            Overrides = change is { } element ? TenantLimitsJson.Change(current.Overrides, element) : current.Overrides,
        };
    }
}
