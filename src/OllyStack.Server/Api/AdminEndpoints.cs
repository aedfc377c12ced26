using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.ControlPlane.Keys;
using OllyStack.Core.Admission;
using OllyStack.Core.Tenancy;

namespace OllyStack.Server.Api;

/// <summary>
/// The interim admin API for tenants and API keys (the control-plane issue extends it):
/// GET /api/v1/admin/tenants, GET /api/v1/admin/keys, GET|POST /api/v1/admin/tenants/{tenant}/keys,
/// DELETE /api/v1/admin/tenants/{tenant}/keys/{id}. All need a key with the admin scope.
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder endpoints, FileApiKeyStore keys)
    {
        endpoints.MapGet("/api/v1/admin/tenants", async context =>
        {
            if (await ApiCaller.RequireAsync(context, keys, KeyScopes.Admin) is null) return;
            await WriteAsync(context, 200, new { status = "success", data = keys.Tenants });
        });
        endpoints.MapGet("/api/v1/admin/keys", async context =>
        {
            if (await ApiCaller.RequireAsync(context, keys, KeyScopes.Admin) is null) return;
            await WriteAsync(context, 200, new { status = "success", data = keys.List().Select(KeyView.Of) });
        });
        endpoints.MapGet("/api/v1/admin/tenants/{tenant}/keys", async (HttpContext context, string tenant) =>
        {
            if (await ApiCaller.RequireAsync(context, keys, KeyScopes.Admin) is null) return;
            await WriteAsync(context, 200, new { status = "success", data = keys.List(tenant).Select(KeyView.Of) });
        });
        endpoints.MapPost("/api/v1/admin/tenants/{tenant}/keys", (HttpContext context, string tenant) => CreateAsync(context, keys, tenant));
        endpoints.MapDelete("/api/v1/admin/tenants/{tenant}/keys/{id}", async (HttpContext context, string tenant, string id) =>
        {
            if (await ApiCaller.RequireAsync(context, keys, KeyScopes.Admin) is null) return;
            if (!keys.List(tenant).Any(k => k.Id == id) || !keys.Revoke(id))
            {
                await ApiErrors.WriteAsync(context, 404, "not_found", $"tenant '{tenant}' has no key '{id}'");
                return;
            }
            context.Response.StatusCode = 204;
        });
    }

    private static async Task CreateAsync(HttpContext context, FileApiKeyStore keys, string tenant)
    {
        if (await ApiCaller.RequireAsync(context, keys, KeyScopes.Admin) is null) return;
        if (!TenantName.IsValid(tenant))
        {
            await ApiErrors.WriteAsync(context, 400, "bad_data", $"tenant name '{tenant}' is invalid: use 1-64 of a-z, 0-9, '-' and '_'");
            return;
        }
        CreateKeyRequest? request;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            request = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<CreateKeyRequest>(text);
        }
        catch (JsonException e)
        {
            await ApiErrors.WriteAsync(context, 400, "bad_data", $"body must be JSON like {{\"name\":\"ci\",\"scopes\":[\"ingest\"]}}: {e.Message}");
            return;
        }
        var scopeNames = request?.Scopes ?? ["ingest", "query"];
        if (!KeyScopeNames.TryParse(scopeNames, out var scopes, out var unknown) || scopes == KeyScopes.None)
        {
            await ApiErrors.WriteAsync(context, 400, "bad_data", $"unknown scope '{unknown}'; scopes are ingest, query and admin");
            return;
        }
        var created = keys.Create(tenant, request?.Name ?? "", scopes);
        await WriteAsync(context, 201, new { status = "success", data = KeyView.Of(created.Info) with { Key = created.Key } });
    }

    private static Task WriteAsync<T>(HttpContext context, int statusCode, T body)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(body);
    }

    private sealed record CreateKeyRequest(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("scopes")] string[]? Scopes);

    /// <summary>A key as the API shows it; <see cref="Key"/> is set only in the create response.</summary>
    private sealed record KeyView(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("tenant")] string Tenant,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
        [property: JsonPropertyName("prefix")] string Prefix,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
        [property: JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt)
    {
        [JsonPropertyName("key")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Key { get; init; }

        public static KeyView Of(ApiKeyInfo k) => new(k.Id, k.Tenant, k.Name, k.Scopes.ToNames(), k.Prefix, k.CreatedAt, k.RevokedAt);
    }
}
