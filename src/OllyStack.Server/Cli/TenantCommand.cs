using System.Globalization;
using System.Text.Json;
using OllyStack.ControlPlane.Tenants;
using Spectre.Console;

namespace OllyStack.Server.Cli;

/// <summary>`ollystack tenant create|list|show|update|suspend|resume|delete`: a client of the admin API of a running server.</summary>
public static class TenantCommand
{
    /// <summary>Each limit has a flag named like its field with dashes (<c>--max-events-per-second</c>); the value <c>plan</c> clears an override.</summary>
    private static readonly string[] LimitFlags = TenantLimitNames.All.Select(n => n.Replace('_', '-')).ToArray();

    public static async Task<int> RunAsync(CommandLine line)
    {
        var action = line.Words.ElementAtOrDefault(1);
        if (action is null) return Commands.Fail("tenant needs an action: create, list, show, update, suspend, resume or delete");
        var name = line.Words.ElementAtOrDefault(2);
        if (action != "list" && name is null) return Commands.Fail($"tenant {action} needs the tenant's name: ollystack tenant {action} acme");
        var path = $"/api/v1/admin/tenants/{Uri.EscapeDataString(name ?? "")}";
        using var client = AdminClient.Create(line);
        if (client is null) return 2;
        return await client.RunAsync(async admin =>
        {
            switch (action)
            {
                case "list": return await JsonOutput.ShowAsync(admin, line, "/api/v1/admin/tenants", PrintTenants);
                case "show": return JsonOutput.Print(await admin.SendAsync(HttpMethod.Get, path), line);
                case "create": return JsonOutput.Print(await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/tenants", Body(line, name)), line);
                case "update": return JsonOutput.Print(await admin.SendAsync(HttpMethod.Patch, path, Body(line, null)), line);
                case "suspend": return JsonOutput.Print(await admin.SendAsync(HttpMethod.Patch, path, new { suspended = true }), line);
                case "resume": return JsonOutput.Print(await admin.SendAsync(HttpMethod.Patch, path, new { suspended = false }), line);
                case "delete":
                    if (await admin.SendAsync(HttpMethod.Delete, path) is null) return 1;
                    Console.WriteLine($"Deleted tenant '{name}' and its keys. Its stored telemetry ages out with retention.");
                    return 0;
                default:
                    return Commands.Fail($"unknown tenant action '{action}': use create, list, show, update, suspend, resume or delete");
            }
        });
    }

    private static Dictionary<string, object?> Body(CommandLine line, string? name)
    {
        var body = new Dictionary<string, object?>();
        if (name is not null) body["name"] = name;
        if (line.Flag("plan") is { } plan) body["plan"] = plan;
        var limits = new Dictionary<string, object?>();
        foreach (var flag in LimitFlags)
        {
            if (line.Flag(flag) is not { } value) continue;
            var field = flag.Replace('-', '_');
            limits[field] = value == "plan" ? null
                : field == TenantLimitNames.AllowedFeatures ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && field is TenantLimitNames.SamplingRate or TenantLimitNames.OverageRate ? number
                : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer) ? integer
                : value;
        }
        if (limits.Count > 0) body["limits"] = limits;
        return body;
    }

    private static void PrintTenants(JsonElement tenants)
    {
        var table = new Table().AddColumns("name", "plan", "state", "events/s", "per day", "retention", "sampling", "features");
        foreach (var tenant in tenants.EnumerateArray())
        {
            var limits = tenant.GetProperty("limits");
            table.AddRow(
                Markup.Escape(tenant.GetProperty("name").GetString()!), tenant.GetProperty("plan").GetString()!,
                tenant.GetProperty("suspended").GetBoolean() ? "[red]suspended[/]" : "active",
                limits.GetProperty(TenantLimitNames.MaxEventsPerSecond).GetInt64().ToString("N0", CultureInfo.InvariantCulture),
                Bytes(limits.GetProperty(TenantLimitNames.MaxBytesPerDay).GetInt64()),
                $"{limits.GetProperty(TenantLimitNames.RetentionDays).GetInt32()} d",
                limits.GetProperty(TenantLimitNames.SamplingRate).GetDouble().ToString("P0", CultureInfo.InvariantCulture),
                string.Join(",", limits.GetProperty(TenantLimitNames.AllowedFeatures).EnumerateArray().Select(f => f.GetString())));
        }
        AnsiConsole.Write(table);
    }

    /// <summary>Decimal units, as quotas are priced: 1 GB is 10^9 bytes.</summary>
    private static string Bytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB", "PB"];
        var value = (double)bytes;
        var unit = 0;
        for (; value >= 1000 && unit < units.Length - 1; unit++) value /= 1000;
        return value.ToString(value < 10 && unit > 0 ? "0.#" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
