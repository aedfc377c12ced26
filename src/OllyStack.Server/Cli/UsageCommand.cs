using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace OllyStack.Server.Cli;

/// <summary>
/// `ollystack usage` (a tenant's metered usage, per day or hour, with a bar per period) and `ollystack cost` (the cost
/// of a tenant's metered period, or a what-if from --ingest-bytes-per-day and the other calculator fields): clients
/// of /api/v1/usage and /api/v1/cost.
/// </summary>
public static class UsageCommand
{
    private static readonly string[] PeriodFlags = ["tenant", "start", "end"];
    private static readonly string[] ClientFlags = ["server", "admin-key", "data-dir", "json"];

    public static async Task<int> RunUsageAsync(CommandLine line)
    {
        using var client = AdminClient.Create(line);
        if (client is null) return 2;
        var path = "/api/v1/usage" + Query(line, [.. PeriodFlags, "step"], line.Has("step") ? [] : [("step", "day")]);
        return await client.RunAsync(admin => JsonOutput.ShowAsync(admin, line, path, PrintUsage));
    }

    public static async Task<int> RunCostAsync(CommandLine line)
    {
        using var client = AdminClient.Create(line);
        if (client is null) return 2;
        var whatIf = line.Flags.Keys.Any(f => !PeriodFlags.Contains(f) && !ClientFlags.Contains(f));
        var names = whatIf ? line.Flags.Keys.Where(f => !ClientFlags.Contains(f)).ToArray() : PeriodFlags;
        var path = "/api/v1/cost" + Query(line, names, [], dashesToUnderscores: whatIf);
        return await client.RunAsync(admin => JsonOutput.ShowAsync(admin, line, path, PrintCost));
    }

    private static string Query(CommandLine line, IEnumerable<string> names, (string, string)[] extra, bool dashesToUnderscores = false)
    {
        var pairs = names.Where(line.Has).Select(n => (dashesToUnderscores ? n.Replace('-', '_') : n, line.Flag(n)!)).Concat(extra).ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs.Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
    }

    private static void PrintUsage(JsonElement data)
    {
        AnsiConsole.MarkupLine($"Usage of tenant [bold]{Markup.Escape(data.GetProperty("tenant").GetString()!)}[/] from {data.GetProperty("start").GetString()} to {data.GetProperty("end").GetString()}");
        var series = data.GetProperty("series").EnumerateArray().ToList();
        var chart = new BarChart().Label("MB accepted").Width(60);
        foreach (var point in series)
            chart.AddItem(point.GetProperty("time").GetDateTimeOffset().ToString(data.GetProperty("step").GetString() == "day" ? "MM-dd" : "MM-dd HH:00", CultureInfo.InvariantCulture),
                Math.Round(point.GetProperty("accepted").GetProperty("bytes").GetInt64() / 1e6, 1), Color.Green);
        if (series.Count > 0) AnsiConsole.Write(chart);
        var table = new Table().AddColumns("", "events", "bytes");
        var totals = data.GetProperty("totals");
        foreach (var name in new[] { "received", "accepted", "sampled_out", "rejected_by_quota" })
            table.AddRow(name, Number(totals.GetProperty(name).GetProperty("events")), Number(totals.GetProperty(name).GetProperty("bytes")));
        table.AddRow("queries", Number(totals.GetProperty("queries")), "");
        var stored = totals.GetProperty("stored_bytes");
        table.AddRow("stored (hot/warm/cold)", "", $"{Number(stored.GetProperty("hot"))} / {Number(stored.GetProperty("warm"))} / {Number(stored.GetProperty("cold"))}");
        AnsiConsole.Write(table);
    }

    private static void PrintCost(JsonElement data)
    {
        // A what-if answers per month; a metered period for the period itself.
        var monthly = data.TryGetProperty("monthly", out var perMonth);
        var cost = monthly ? perMonth : data.GetProperty("cost");
        var table = new Table().AddColumns(monthly ? "per month (USD)" : "for the period (USD)", "");
        foreach (var line in cost.EnumerateObject())
            if (line.Value.ValueKind == JsonValueKind.Number) table.AddRow(line.Name, line.Value.GetDecimal().ToString("N2", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        if (!data.TryGetProperty("incumbents", out var incumbents)) return;
        var chart = new BarChart().Label("the same volume at list prices (USD, whole dollars)").Width(70);
        chart.AddItem("OllyStack", Math.Round((double)cost.GetProperty("total").GetDecimal()), Color.Green);
        foreach (var vendor in incumbents.EnumerateArray())
            if (vendor.TryGetProperty("total", out var total) && total.ValueKind == JsonValueKind.Number)
                chart.AddItem(vendor.GetProperty("vendor").GetString()!, Math.Round((double)total.GetDecimal()), Color.Grey);
        AnsiConsole.Write(chart);
    }

    private static string Number(JsonElement value) => value.GetInt64().ToString("N0", CultureInfo.InvariantCulture);
}
