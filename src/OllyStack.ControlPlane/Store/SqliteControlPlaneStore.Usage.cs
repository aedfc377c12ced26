using Microsoft.Data.Sqlite;
using OllyStack.ControlPlane.Metering;

namespace OllyStack.ControlPlane.Store;

/// <summary>The meter's hourly rows in the <c>usage</c> table.</summary>
public sealed partial class SqliteControlPlaneStore
{
    private const string UsageColumns =
        "tenant, hour, received_events, received_bytes, accepted_events, accepted_bytes, sampled_out_events, sampled_out_bytes, " +
        "rejected_events, rejected_bytes, queries, stored_hot_bytes, stored_warm_bytes, stored_cold_bytes";

    public void AddUsage(IReadOnlyList<UsageHour> deltas)
    {
        if (deltas.Count == 0) return;
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = Command($"""
                INSERT INTO usage ({UsageColumns}) VALUES ($t, $h, $re, $rb, $ae, $ab, $se, $sb, $je, $jb, $q, max($hot, 0), max($warm, 0), max($cold, 0))
                ON CONFLICT (tenant, hour) DO UPDATE SET
                    received_events = received_events + excluded.received_events, received_bytes = received_bytes + excluded.received_bytes,
                    accepted_events = accepted_events + excluded.accepted_events, accepted_bytes = accepted_bytes + excluded.accepted_bytes,
                    sampled_out_events = sampled_out_events + excluded.sampled_out_events, sampled_out_bytes = sampled_out_bytes + excluded.sampled_out_bytes,
                    rejected_events = rejected_events + excluded.rejected_events, rejected_bytes = rejected_bytes + excluded.rejected_bytes,
                    queries = queries + excluded.queries,
                    stored_hot_bytes = CASE WHEN $hot >= 0 THEN $hot ELSE stored_hot_bytes END,
                    stored_warm_bytes = CASE WHEN $warm >= 0 THEN $warm ELSE stored_warm_bytes END,
                    stored_cold_bytes = CASE WHEN $cold >= 0 THEN $cold ELSE stored_cold_bytes END
                """, transaction);
            var parameters = new[] { "$t", "$h", "$re", "$rb", "$ae", "$ab", "$se", "$sb", "$je", "$jb", "$q", "$hot", "$warm", "$cold" }
                .Select(name => command.Parameters.Add(name, name == "$t" ? SqliteType.Text : SqliteType.Integer)).ToArray();
            foreach (var row in deltas)
            {
                object[] values =
                [
                    row.Tenant, row.Hour.ToUnixTimeMilliseconds(), row.ReceivedEvents, row.ReceivedBytes, row.AcceptedEvents, row.AcceptedBytes,
                    row.SampledOutEvents, row.SampledOutBytes, row.RejectedEvents, row.RejectedBytes, row.Queries,
                    row.StoredHotBytes, row.StoredWarmBytes, row.StoredColdBytes,
                ];
                for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i];
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    public IReadOnlyList<UsageHour> ReadUsage(string? tenant, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_lock)
        {
            using var command = Command($"SELECT {UsageColumns} FROM usage WHERE ($tenant IS NULL OR tenant = $tenant) AND hour >= $from AND hour < $to ORDER BY tenant, hour");
            command.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
            command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            var rows = new List<UsageHour>();
            while (reader.Read())
            {
                rows.Add(new UsageHour(
                    reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt64(2), reader.GetInt64(3),
                    reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9),
                    reader.GetInt64(10), reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13)));
            }
            return rows;
        }
    }
}
