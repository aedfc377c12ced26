using System.Text.Json;
using Spectre.Console;

namespace OllyStack.Server.Cli;

/// <summary>`ollystack role create|list|delete`: a client of the roles admin API of a running server.</summary>
public static class RoleCommand
{
    public static async Task<int> RunAsync(CommandLine line)
    {
        var action = line.Words.ElementAtOrDefault(1);
        if (action is null) return Commands.Fail("role needs an action: create, list or delete");
        var name = line.Words.ElementAtOrDefault(2);
        if (action != "list" && name is null) return Commands.Fail($"role {action} needs the role's name: ollystack role {action} oncall --tenant acme");
        var query = line.Flag("tenant") is { } tenant ? $"?tenant={Uri.EscapeDataString(tenant)}" : "";
        using var client = AdminClient.Create(line);
        if (client is null) return 2;
        return await client.RunAsync(async admin =>
        {
            switch (action)
            {
                case "list": return await JsonOutput.ShowAsync(admin, line, "/api/v1/admin/roles" + query, PrintRoles);
                case "create":
                    if (line.Flag("permissions") is not { } permissions)
                        return Commands.Fail("role create needs --permissions, a comma-separated list such as metrics:read,logs:read");
                    var list = permissions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    return JsonOutput.Print(await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/roles" + query, new { name, permissions = list }), line);
                case "delete":
                    if (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/admin/roles/{Uri.EscapeDataString(name!)}{query}") is null) return 1;
                    Console.WriteLine($"Deleted role '{name}'.");
                    return 0;
                default:
                    return Commands.Fail($"unknown role action '{action}': use create, list or delete");
            }
        });
    }

    private static void PrintRoles(JsonElement roles)
    {
        var table = new Table().AddColumns("name", "tenant", "kind", "permissions");
        foreach (var role in roles.EnumerateArray())
        {
            table.AddRow(
                Markup.Escape(role.GetProperty("name").GetString()!), Markup.Escape(role.GetProperty("tenant").GetString()!),
                role.GetProperty("built_in").GetBoolean() ? "built-in" : "custom",
                string.Join(", ", role.GetProperty("permissions").EnumerateArray().Select(p => p.GetString())));
        }
        AnsiConsole.Write(table);
    }
}
