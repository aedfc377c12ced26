using System.Text.Json;
using OllyStack.ControlPlane.Roles;
using static OllyStack.ControlPlane.RequestJson;

namespace OllyStack.ControlPlane.Users;

/// <summary>
/// The bodies of <c>POST /api/v1/admin/users</c> (<see cref="ReadCreate"/>) and of <c>PATCH .../users/{name}</c>
/// (<see cref="ReadChange"/>): <c>name</c>, <c>email</c>, <c>role</c>, <c>password</c>, <c>disabled</c>. Unknown fields
/// and wrong types are errors that name the field.
/// </summary>
public static class UserRequest
{
    private static readonly string[] Fields = ["name", "email", "role", "password", "disabled"];

    /// <summary>A new local user; the role is viewer unless the body names one, and the password is required.</summary>
    public static NewUser ReadCreate(JsonElement body)
    {
        CheckFields(body, Fields);
        var name = OptionalString(body, "name") ?? throw Invalid("name is required");
        var password = OptionalString(body, "password") ?? throw Invalid($"password is required (at least {PasswordRules.MinimumLength} characters)");
        return new NewUser(name, OptionalString(body, "email"), OptionalString(body, "role") ?? BuiltInRoles.Viewer, password, OptionalBoolean(body, "disabled") ?? false);
    }

    /// <summary>What a PATCH body changes; <c>"email": null</c> removes the address, a <c>name</c> other than the user's is refused.</summary>
    public static UserChange ReadChange(string user, JsonElement body)
    {
        CheckFields(body, Fields);
        if (OptionalString(body, "name") is { } name && name != user) throw Invalid($"name '{name}' differs from the user '{user}': users cannot be renamed");
        return new UserChange(body.TryGetProperty("email", out _), OptionalString(body, "email"), OptionalString(body, "role"),
            OptionalString(body, "password"), OptionalBoolean(body, "disabled"));
    }
}

/// <summary>A local user to create, before validation.</summary>
public sealed record NewUser(string Name, string? Email, string Role, string Password, bool Disabled);

/// <summary>The fields a PATCH sets; null leaves a field as it is (for the e-mail address, <see cref="SetsEmail"/> says whether it is set).</summary>
public sealed record UserChange(bool SetsEmail, string? Email, string? Role, string? Password, bool? Disabled);
