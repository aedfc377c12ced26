using System.Text.Json;
using Spectre.Console;

namespace OllyStack.Server.Cli;

/// <summary>`ollystack key create|list|revoke|rotate`: a client of the admin API of a running server.</summary>
public static class KeyCommand
{
    public static async Task<int> RunAsync(CommandLine line)
    {
        var action = line.Words.ElementAtOrDefault(1);
        if (action is null) return Commands.Fail("key needs an action: create, list, revoke or rotate");
        using var client = AdminClient.Create(line);
        if (client is null) return 2;
        return await client.RunAsync(admin => action switch
        {
            "create" => CreateAsync(admin, line),
            "list" => ListAsync(admin, line),
            "revoke" => RevokeAsync(admin, line),
            "rotate" => RotateAsync(admin, line),
            _ => Task.FromResult(Commands.Fail($"unknown key action '{action}': use create, list, revoke or rotate")),
        });
    }

    private static async Task<int> CreateAsync(AdminClient admin, CommandLine line)
    {
        var tenant = line.Flag("tenant") ?? "default";
        var scopes = (line.Flag("scopes") ?? "ingest,query").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var data = await admin.SendAsync(HttpMethod.Post, $"/api/v1/admin/tenants/{Uri.EscapeDataString(tenant)}/keys",
            new Dictionary<string, object?> { ["name"] = line.Flag("name") ?? "", ["scopes"] = scopes, ["expires_at"] = line.Flag("expires-at") });
        if (data is null) return 1;
        return PrintSecret(data.Value, line, $"Created key {data.Value.GetProperty("id").GetString()} for tenant '{tenant}' (scopes: {string.Join(",", scopes)}).");
    }

    private static async Task<int> RotateAsync(AdminClient admin, CommandLine line)
    {
        var id = line.Words.ElementAtOrDefault(2);
        if (id is null) return Commands.Fail("key rotate needs the key id: ollystack key rotate key_0123abcd --tenant T [--overlap 24h]");
        var tenant = line.Flag("tenant") ?? "default";
        var overlap = line.Flag("overlap") ?? "24h";
        var data = await admin.SendAsync(HttpMethod.Post, $"/api/v1/admin/tenants/{Uri.EscapeDataString(tenant)}/keys/{Uri.EscapeDataString(id)}/rotate",
            new { overlap });
        if (data is null) return 1;
        return PrintSecret(data.Value, line, $"Rotated key {id} of tenant '{tenant}': its successor is {data.Value.GetProperty("id").GetString()}; the old key keeps working for {overlap}.");
    }

    private static int PrintSecret(JsonElement data, CommandLine line, string summary)
    {
        if (line.Has("json"))
        {
            Console.WriteLine(data.GetRawText());
            return 0;
        }
        Console.WriteLine(summary);
        Console.WriteLine("Store it now; it is not shown again:");
        Console.WriteLine();
        Console.WriteLine($"    {data.GetProperty("key").GetString()}");
        return 0;
    }

    private static Task<int> ListAsync(AdminClient admin, CommandLine line)
    {
        var tenant = line.Flag("tenant");
        var path = tenant is null ? "/api/v1/admin/keys" : $"/api/v1/admin/tenants/{Uri.EscapeDataString(tenant)}/keys";
        return JsonOutput.ShowAsync(admin, line, path, PrintKeys);
    }

    private static void PrintKeys(JsonElement keys)
    {
        var table = new Table().AddColumns("id", "tenant", "name", "scopes", "prefix", "created", "expires", "last used", "revoked");
        foreach (var key in keys.EnumerateArray())
        {
            table.AddRow(
                TableCells.Text(key, "id"), TableCells.Text(key, "tenant"), TableCells.Text(key, "name"),
                string.Join(",", key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString())),
                TableCells.Text(key, "prefix") + "…", TableCells.Time(key, "created_at"), TableCells.Time(key, "expires_at"),
                TableCells.Time(key, "last_used_at"), TableCells.Time(key, "revoked_at"));
        }
        AnsiConsole.Write(table);
    }

    private static async Task<int> RevokeAsync(AdminClient admin, CommandLine line)
    {
        var id = line.Words.ElementAtOrDefault(2);
        if (id is null) return Commands.Fail("key revoke needs the key id: ollystack key revoke key_0123abcd --tenant T");
        var tenant = line.Flag("tenant") ?? "default";
        if (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/admin/tenants/{Uri.EscapeDataString(tenant)}/keys/{Uri.EscapeDataString(id)}") is null) return 1;
        Console.WriteLine($"Revoked key {id} of tenant '{tenant}'.");
        return 0;
    }
}
