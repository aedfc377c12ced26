using System.Text.Json;
using OllyStack.Core.Tenancy;
using static OllyStack.ControlPlane.RequestJson;

namespace OllyStack.ControlPlane.Users;

/// <summary>
/// The body of <c>POST /api/v1/auth/login</c>: <c>tenant</c> (the operator tenant when left out), <c>username</c>,
/// <c>password</c>; unknown fields and wrong types are errors that name the field.
/// </summary>
public static class LoginRequest
{
    public static (string Tenant, string Username, string Password) Read(JsonElement body)
    {
        CheckFields(body, ["tenant", "username", "password"]);
        return (OptionalString(body, "tenant") ?? TenantName.Default,
            OptionalString(body, "username") ?? throw Invalid("username is required"),
            OptionalString(body, "password") ?? throw Invalid("password is required"));
    }
}
