using Microsoft.Data.Sqlite;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// The audit log of a running server, read from its control-plane database beside it (SQLite in WAL mode lets a
/// second reader in). Entries that change nothing, such as logins, are written in the background, so tests wait.
/// </summary>
internal static class AuditLogFile
{
    public static IReadOnlyList<AuditLogEntry> Read(string dataDir)
    {
        var path = Path.Combine(dataDir, "controlplane.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT actor, coalesce(source, ''), tenant, action, target, outcome FROM audit ORDER BY seq";
        using var reader = command.ExecuteReader();
        var entries = new List<AuditLogEntry>();
        while (reader.Read())
            entries.Add(new AuditLogEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        return entries;
    }

    public static async Task<AuditLogEntry> WaitForAsync(string dataDir, Func<AuditLogEntry, bool> match, string what)
    {
        AuditLogEntry? found = null;
        await Poll.UntilAsync(() => Task.FromResult((found = Read(dataDir).FirstOrDefault(match)) is not null), TimeSpan.FromSeconds(30), what);
        return found!;
    }
}

internal sealed record AuditLogEntry(string Actor, string Source, string Tenant, string Action, string Target, string Outcome);
