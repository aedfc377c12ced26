using System.Text.Json;

namespace OllyStack.ControlPlane.Users;

/// <summary>
/// A user as the API shows it and the audit log records it. Never the password or its hash: only how the user signs
/// in and when the password last changed.
/// </summary>
public static class UserJson
{
    public static void Write(Utf8JsonWriter json, User user)
    {
        json.WriteStartObject();
        json.WriteString("tenant", user.Tenant);
        json.WriteString("name", user.Name);
        WriteNullable(json, "email", user.Email);
        json.WriteString("role", user.Role);
        json.WriteString("sign_in", user.External is null ? "password" : "oidc");
        if (user.External is { } external)
        {
            json.WriteString("issuer", external.Issuer);
            json.WriteString("subject", external.Subject);
        }
        json.WriteBoolean("disabled", user.Disabled);
        json.WriteString("created_at", user.CreatedAt.UtcDateTime);
        json.WriteString("updated_at", user.UpdatedAt.UtcDateTime);
        WriteTime(json, "password_changed_at", user.PasswordChangedAt);
        WriteTime(json, "last_login_at", user.LastLoginAt);
        json.WriteEndObject();
    }

    public static string ToJson(User user) => JsonText.Of(json => Write(json, user));

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } value) json.WriteString(name, value.UtcDateTime);
        else json.WriteNull(name);
    }
}
