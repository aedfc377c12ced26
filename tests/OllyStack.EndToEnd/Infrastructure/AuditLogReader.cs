using System.Text.Json;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// The audit log of a running server as the operator reads it (<c>GET /api/v1/audit</c> with the bootstrap admin key).
/// Entries that change nothing, such as logins, are written in the background, so tests wait for them.
/// </summary>
internal static class AuditLogReader
{
    public static async Task<IReadOnlyList<AuditLogEntry>> ReadAsync(ServerProcess server)
    {
        using var admin = server.ApiClient();
        var data = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/audit?limit=10000")).RootElement.GetProperty("data");
        return data.EnumerateArray().Select(e => new AuditLogEntry(
            e.GetProperty("actor").GetString()!, e.GetProperty("source").GetString() ?? "", e.GetProperty("tenant").GetString()!,
            e.GetProperty("action").GetString()!, e.GetProperty("target").GetString()!, e.GetProperty("outcome").GetString()!)).ToList();
    }

    public static async Task<AuditLogEntry> WaitForAsync(ServerProcess server, Func<AuditLogEntry, bool> match, string what)
    {
        AuditLogEntry? found = null;
        await Poll.UntilAsync(async () => (found = (await ReadAsync(server)).FirstOrDefault(match)) is not null, TimeSpan.FromSeconds(30), what);
        return found!;
    }
}

internal sealed record AuditLogEntry(string Actor, string Source, string Tenant, string Action, string Target, string Outcome);
