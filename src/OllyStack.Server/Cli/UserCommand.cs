using System.Text.Json;
using Spectre.Console;

namespace OllyStack.Server.Cli;

/// <summary>
/// `ollystack user create|list|show|update|delete`: a client of the users admin API of a running server. Passwords
/// are read from standard input (--password-stdin), never from the command line, where other users could see them.
/// </summary>
public static class UserCommand
{
    private const string Actions = "create, list, show, update or delete";

    public static async Task<int> RunAsync(CommandLine line)
    {
        var action = line.Words.ElementAtOrDefault(1);
        if (action is null) return Commands.Fail($"user needs an action: {Actions}");
        var name = line.Words.ElementAtOrDefault(2);
        if (action != "list" && name is null) return Commands.Fail($"user {action} needs the user's name: ollystack user {action} alice --tenant acme");
        Dictionary<string, object?> body;
        try
        {
            body = Body(line, action == "create" ? name : null);
        }
        catch (ArgumentException e)
        {
            return Commands.Fail(e.Message);
        }
        if (action == "create" && !body.ContainsKey("password")) return Commands.Fail("user create needs a password: pipe it in with --password-stdin");
        var query = line.Flag("tenant") is { } tenant ? $"?tenant={Uri.EscapeDataString(tenant)}" : "";
        var path = $"/api/v1/admin/users/{Uri.EscapeDataString(name ?? "")}{query}";
        using var client = AdminClient.Create(line);
        if (client is null) return 2;
        return await client.RunAsync(async admin =>
        {
            switch (action)
            {
                case "list": return await JsonOutput.ShowAsync(admin, line, "/api/v1/admin/users" + query, PrintUsers);
                case "show": return JsonOutput.Print(await admin.SendAsync(HttpMethod.Get, path), line);
                case "create": return JsonOutput.Print(await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/users" + query, body), line);
                case "update": return JsonOutput.Print(await admin.SendAsync(HttpMethod.Patch, path, body), line);
                case "delete":
                    if (await admin.SendAsync(HttpMethod.Delete, path) is null) return 1;
                    Console.WriteLine($"Deleted user '{name}'; its sessions have ended.");
                    return 0;
                default:
                    return Commands.Fail($"unknown user action '{action}': use {Actions}");
            }
        });
    }

    private static Dictionary<string, object?> Body(CommandLine line, string? name)
    {
        var body = new Dictionary<string, object?>();
        if (name is not null) body["name"] = name;
        if (line.Flag("role") is { } role) body["role"] = role;
        if (line.Flag("email") is { } email) body["email"] = email.Length == 0 ? null : email;
        if (line.Flag("disabled") is { } disabled)
            body["disabled"] = disabled switch { "true" => true, "false" => false, _ => throw new ArgumentException($"--disabled takes true or false, not '{disabled}'") };
        if (line.Has("password-stdin"))
            body["password"] = Console.In.ReadLine() ?? throw new ArgumentException("--password-stdin found nothing on standard input");
        return body;
    }

    private static void PrintUsers(JsonElement users)
    {
        var table = new Table().AddColumns("tenant", "name", "role", "sign-in", "email", "state", "last login");
        foreach (var user in users.EnumerateArray())
        {
            table.AddRow(
                TableCells.Text(user, "tenant"), TableCells.Text(user, "name"), TableCells.Text(user, "role"), TableCells.Text(user, "sign_in"),
                TableCells.Text(user, "email"), user.GetProperty("disabled").GetBoolean() ? "[red]disabled[/]" : "active",
                TableCells.Time(user, "last_login_at") is { Length: > 0 } login ? login : "never");
        }
        AnsiConsole.Write(table);
    }
}
