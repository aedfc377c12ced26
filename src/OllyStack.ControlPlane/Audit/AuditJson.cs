using System.Text.Json;

namespace OllyStack.ControlPlane.Audit;

/// <summary>An audit entry as the API shows it: its fields, before and after as JSON values, and its hash in hex.</summary>
public static class AuditJson
{
    public static void Write(Utf8JsonWriter json, AuditEntry entry)
    {
        json.WriteStartObject();
        json.WriteNumber("seq", entry.Sequence);
        json.WriteString("time", entry.Time.UtcDateTime);
        json.WriteString("actor", entry.Actor);
        json.WriteString("actor_tenant", entry.ActorTenant);
        if (entry.Source is null) json.WriteNull("source");
        else json.WriteString("source", entry.Source);
        json.WriteString("tenant", entry.Tenant);
        json.WriteString("action", entry.Action);
        json.WriteString("target", entry.Target);
        json.WriteString("outcome", entry.Outcome);
        WriteResource(json, "before", entry.Before);
        WriteResource(json, "after", entry.After);
        json.WriteString("hash", Convert.ToHexStringLower(entry.Hash));
        json.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter json, string name, string? resource)
    {
        json.WritePropertyName(name);
        if (resource is null) json.WriteNullValue();
        else json.WriteRawValue(resource);
    }
}
