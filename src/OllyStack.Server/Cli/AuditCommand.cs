using System.Text.Json;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Store;
using OllyStack.Server.Configuration;
using OllyStack.Server.Hosting;
using Spectre.Console;

namespace OllyStack.Server.Cli;

/// <summary>
/// `ollystack audit verify` checks the hash chain of the audit log straight from the store (read-only, while servers
/// run or not): the data folder's database, or the shared PostgreSQL one when control_plane names it, read from the
/// same flags, environment and configuration file as `serve`. `ollystack audit list` reads entries through the API of a
/// running server.
/// </summary>
public static class AuditCommand
{
    private const int Page = 10_000;

    public static async Task<int> RunAsync(CommandLine line) => line.Words.ElementAtOrDefault(1) switch
    {
        "verify" => Verify(ServerOptionsLoader.Load(line.Flags, Commands.EnvironmentVariables())),
        "list" => await ListAsync(line),
        _ => Commands.Fail("audit needs an action: verify [--data-dir DIR | --control-plane URL] or list [--tenant T] [--action A] [--limit N]"),
    };

    private static int Verify(ServerOptions options)
    {
        using var store = ControlPlaneStores.OpenReadOnly(options.ControlPlane, options.DataDir);
        var total = store.LastAuditSequence();
        AuditBreak? broken = null;
        AuditEntry? head = null;
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask("verifying the audit log", maxValue: Math.Max(1, total));
            broken = AuditChain.Verify(Pages(store, entry =>
            {
                head = entry;
                task.Value = entry.Sequence;
            }));
            task.Value = task.MaxValue;
        });
        if (broken is not null)
        {
            Console.Error.WriteLine($"error: the audit log is broken at entry {broken.Sequence}: {broken.Reason}. Restore the database from a backup and find out who changed it.");
            return 1;
        }
        Console.WriteLine(head is null
            ? "The audit log is empty."
            : $"The audit log is intact: {head.Sequence} entries, the newest at {head.Time:u}, head hash {Convert.ToHexStringLower(head.Hash)}.");
        Console.WriteLine("Keep the head hash where the server cannot write: a log cut short verifies, but not against it.");
        return 0;
    }

    private static IEnumerable<AuditEntry> Pages(IControlPlaneStore store, Action<AuditEntry> seen)
    {
        long after = 0;
        while (store.ReadAudit(new AuditQuery(AfterSequence: after, Limit: Page)) is { Count: > 0 } page)
        {
            foreach (var entry in page)
            {
                seen(entry);
                yield return entry;
            }
            after = page[^1].Sequence;
        }
    }

    private static async Task<int> ListAsync(CommandLine line)
    {
        using var client = AdminClient.Create(line);
        if (client is null) return 2;
        var query = string.Join("&", new[] { "tenant", "action", "limit", "after", "start", "end" }
            .Where(line.Has).Select(n => $"{n}={Uri.EscapeDataString(line.Flag(n)!)}"));
        return await client.RunAsync(admin => JsonOutput.ShowAsync(admin, line, "/api/v1/audit" + (query.Length > 0 ? "?" + query : ""), PrintEntries));
    }

    private static void PrintEntries(JsonElement entries)
    {
        var table = new Table().AddColumns("seq", "time", "actor", "source", "tenant", "action", "target", "outcome");
        foreach (var entry in entries.EnumerateArray())
        {
            table.AddRow(entry.GetProperty("seq").GetInt64().ToString(), TableCells.Time(entry, "time"),
                TableCells.Text(entry, "actor"), TableCells.Text(entry, "source"), TableCells.Text(entry, "tenant"),
                TableCells.Text(entry, "action"), TableCells.Text(entry, "target"), TableCells.Text(entry, "outcome"));
        }
        AnsiConsole.Write(table);
    }
}
