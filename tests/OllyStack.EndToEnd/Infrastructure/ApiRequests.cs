using System.Text;
using System.Text.Json;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>Configuration writes to the server's API that must succeed; a failure shows the status and the server's answer.</summary>
internal static class ApiRequests
{
    public static async Task PutYamlAsync(HttpClient api, string path, string yaml)
    {
        using var response = await api.PutAsync(path, new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Sends every alert of the tenant to one webhook, grouped by <paramref name="groupBy"/>, a group's first
    /// notification after a second and its changes every second, repeats only after an hour.
    /// </summary>
    public static Task RouteAlertsToAsync(HttpClient api, string webhookUrl, params string[] groupBy) => PutYamlAsync(api, "/api/v1/alertmanager/config", $$"""
        route:
          receiver: hook
          group_by: [{{string.Join(", ", groupBy)}}]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: {{webhookUrl}}
        """);

    public static async Task PostJsonAsync(HttpClient api, string path, string json)
    {
        using var response = await api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Creates a tenant (the enterprise plan unless told otherwise; <paramref name="limitsJson"/> overrides limits).</summary>
    public static Task CreateTenantAsync(HttpClient admin, string name, string plan = "enterprise", string limitsJson = "{}") =>
        PostJsonAsync(admin, "/api/v1/admin/tenants", $$"""{"name":"{{name}}","plan":"{{plan}}","limits":{{limitsJson}}}""");

    /// <summary>Changes a tenant: <paramref name="json"/> holds the fields to change, as PATCH takes them.</summary>
    public static async Task PatchTenantAsync(HttpClient admin, string tenant, string json)
    {
        using var response = await admin.PatchAsync($"/api/v1/admin/tenants/{tenant}", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"PATCH /api/v1/admin/tenants/{tenant}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A new key of the tenant with these scopes (comma-separated): its secret.</summary>
    public static async Task<string> CreateKeyAsync(HttpClient admin, string tenant, string scopes = "ingest,query")
    {
        var body = JsonSerializer.Serialize(new { name = "test", scopes = scopes.Split(',') });
        using var response = await admin.PostAsync($"/api/v1/admin/tenants/{tenant}/keys", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/v1/admin/tenants/{tenant}/keys: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("data").GetProperty("key").GetString()!;
    }

    /// <summary>Creates a local user of the tenant with a password.</summary>
    public static Task CreateUserAsync(HttpClient admin, string tenant, string name, string role, string password) =>
        PostJsonAsync(admin, $"/api/v1/admin/users?tenant={tenant}", JsonSerializer.Serialize(new { name, role, password }));

    /// <summary>The <c>data</c> of a GET that must succeed; a failure shows the status and the server's answer.</summary>
    public static async Task<JsonElement> DataAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
    }

    /// <summary>The <c>error</c> message of a refused request.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;
}
