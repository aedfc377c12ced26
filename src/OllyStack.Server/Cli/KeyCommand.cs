using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OllyStack.Server.Hosting;
using Spectre.Console;

namespace OllyStack.Server.Cli;

/// <summary>`ollystack key create|list|revoke`: a client of the admin API of a running server.</summary>
public static class KeyCommand
{
    public static async Task<int> RunAsync(CommandLine line)
    {
        var action = line.Words.ElementAtOrDefault(1);
        if (action is null) return Commands.Fail("key needs an action: create, list or revoke");
        var adminKey = AdminKey(line);
        if (adminKey is null)
            return Commands.Fail($"no admin key: pass --admin-key, set OLLYSTACK_ADMIN_KEY, or run where {{data-dir}}/{BootstrapAdminKey.FileName} exists (--data-dir)");
        using var http = new HttpClient { BaseAddress = new Uri(line.Flag("server") ?? "http://127.0.0.1:8080") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        try
        {
            return action switch
            {
                "create" => await CreateAsync(http, line),
                "list" => await ListAsync(http, line),
                "revoke" => await RevokeAsync(http, line),
                _ => Commands.Fail($"unknown key action '{action}': use create, list or revoke"),
            };
        }
        catch (HttpRequestException e)
        {
            return Commands.Fail($"cannot reach the server at {http.BaseAddress}: {e.Message}. Is `ollystack serve` running? Use --server to point elsewhere.");
        }
    }

    private static async Task<int> CreateAsync(HttpClient http, CommandLine line)
    {
        var tenant = line.Flag("tenant") ?? "default";
        var scopes = (line.Flag("scopes") ?? "ingest,query").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var response = await http.PostAsJsonAsync($"/api/v1/admin/tenants/{Uri.EscapeDataString(tenant)}/keys", new { name = line.Flag("name") ?? "", scopes });
        var body = await ReadAsync(response);
        if (body is null) return 1;
        var data = body.Value.GetProperty("data");
        if (line.Has("json")) Console.WriteLine(data.GetRawText());
        else
        {
            Console.WriteLine($"Created key {data.GetProperty("id").GetString()} for tenant '{tenant}' (scopes: {string.Join(",", scopes)}).");
            Console.WriteLine("Store it now; it is not shown again:");
            Console.WriteLine();
            Console.WriteLine($"    {data.GetProperty("key").GetString()}");
        }
        return 0;
    }

    private static async Task<int> ListAsync(HttpClient http, CommandLine line)
    {
        var tenant = line.Flag("tenant");
        var path = tenant is null ? "/api/v1/admin/keys" : $"/api/v1/admin/tenants/{Uri.EscapeDataString(tenant)}/keys";
        var body = await ReadAsync(await http.GetAsync(path));
        if (body is null) return 1;
        var data = body.Value.GetProperty("data");
        if (line.Has("json"))
        {
            Console.WriteLine(data.GetRawText());
            return 0;
        }
        var table = new Table().AddColumns("id", "tenant", "name", "scopes", "prefix", "created", "revoked");
        foreach (var key in data.EnumerateArray())
        {
            table.AddRow(
                Markup.Escape(key.GetProperty("id").GetString() ?? ""),
                Markup.Escape(key.GetProperty("tenant").GetString() ?? ""),
                Markup.Escape(key.GetProperty("name").GetString() ?? ""),
                string.Join(",", key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString())),
                Markup.Escape(key.GetProperty("prefix").GetString() ?? "") + "…",
                key.GetProperty("created_at").GetDateTimeOffset().ToString("u"),
                key.GetProperty("revoked_at").ValueKind == JsonValueKind.Null ? "" : key.GetProperty("revoked_at").GetDateTimeOffset().ToString("u"));
        }
        AnsiConsole.Write(table);
        return 0;
    }

    private static async Task<int> RevokeAsync(HttpClient http, CommandLine line)
    {
        var id = line.Words.ElementAtOrDefault(2);
        if (id is null) return Commands.Fail("key revoke needs the key id: ollystack key revoke key_0123abcd --tenant T");
        var tenant = line.Flag("tenant") ?? "default";
        var response = await http.DeleteAsync($"/api/v1/admin/tenants/{Uri.EscapeDataString(tenant)}/keys/{Uri.EscapeDataString(id)}");
        if (!response.IsSuccessStatusCode)
        {
            await ReadAsync(response);
            return 1;
        }
        Console.WriteLine($"Revoked key {id} of tenant '{tenant}'.");
        return 0;
    }

    private static async Task<JsonElement?> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonElement? body = null;
        try
        {
            body = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
        }
        if (response.IsSuccessStatusCode && body is not null) return body;
        var message = body?.TryGetProperty("error", out var error) == true ? error.GetString() : text;
        Console.Error.WriteLine($"error: the server answered {(int)response.StatusCode}: {message}");
        return null;
    }

    private static string? AdminKey(CommandLine line)
    {
        if (line.Flag("admin-key") is { Length: > 0 } flag) return flag;
        if (Environment.GetEnvironmentVariable("OLLYSTACK_ADMIN_KEY") is { Length: > 0 } env) return env;
        var path = Path.Combine(line.Flag("data-dir") ?? "./data", BootstrapAdminKey.FileName);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }
}
