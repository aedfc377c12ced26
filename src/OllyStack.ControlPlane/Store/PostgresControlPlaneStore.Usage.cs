using OllyStack.ControlPlane.Metering;

namespace OllyStack.ControlPlane.Store;

/// <summary>The meter's hourly rows in the <c>usage</c> table, which every node adds its own counts to.</summary>
public sealed partial class PostgresControlPlaneStore
{
    private const string UsageColumns =
        "tenant, hour, received_events, received_bytes, accepted_events, accepted_bytes, sampled_out_events, sampled_out_bytes, " +
        "rejected_events, rejected_bytes, queries, stored_hot_bytes, stored_warm_bytes, stored_cold_bytes";

    // Counters add to what other nodes wrote; a stored-bytes field replaces the stored one only when it was measured (>= 0).
    private const string AddUsageRow = $"""
        INSERT INTO usage ({UsageColumns})
        VALUES (@t, @h, @re, @rb, @ae, @ab, @se, @sb, @je, @jb, @q, greatest(@hot, 0), greatest(@warm, 0), greatest(@cold, 0))
        ON CONFLICT (tenant, hour) DO UPDATE SET
            received_events = usage.received_events + excluded.received_events, received_bytes = usage.received_bytes + excluded.received_bytes,
            accepted_events = usage.accepted_events + excluded.accepted_events, accepted_bytes = usage.accepted_bytes + excluded.accepted_bytes,
            sampled_out_events = usage.sampled_out_events + excluded.sampled_out_events, sampled_out_bytes = usage.sampled_out_bytes + excluded.sampled_out_bytes,
            rejected_events = usage.rejected_events + excluded.rejected_events, rejected_bytes = usage.rejected_bytes + excluded.rejected_bytes,
            queries = usage.queries + excluded.queries,
            stored_hot_bytes = CASE WHEN @hot >= 0 THEN @hot ELSE usage.stored_hot_bytes END,
            stored_warm_bytes = CASE WHEN @warm >= 0 THEN @warm ELSE usage.stored_warm_bytes END,
            stored_cold_bytes = CASE WHEN @cold >= 0 THEN @cold ELSE usage.stored_cold_bytes END
        """;

    public void AddUsage(IReadOnlyList<UsageHour> deltas) =>
        // One statement per row rather than one multi-row insert: a flush may carry the same tenant and hour twice (a
        // retried delta beside a new one), which one INSERT ... ON CONFLICT cannot update twice. Rows go in key order
        // so two nodes flushing the same hours lock them in the same order and never deadlock.
        ExecuteBatch(deltas.OrderBy(d => d.Tenant, StringComparer.Ordinal).ThenBy(d => d.Hour).Select(row => Statement(AddUsageRow,
            ("t", row.Tenant), ("h", Stored(row.Hour)), ("re", row.ReceivedEvents), ("rb", row.ReceivedBytes), ("ae", row.AcceptedEvents),
            ("ab", row.AcceptedBytes), ("se", row.SampledOutEvents), ("sb", row.SampledOutBytes), ("je", row.RejectedEvents),
            ("jb", row.RejectedBytes), ("q", row.Queries), ("hot", row.StoredHotBytes), ("warm", row.StoredWarmBytes), ("cold", row.StoredColdBytes))));

    public IReadOnlyList<UsageHour> ReadUsage(string? tenant, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = _source.OpenConnection();
        using var command = tenant is null
            ? Command(connection, null, $"SELECT {UsageColumns} FROM usage WHERE hour >= @from AND hour < @to ORDER BY tenant, hour",
                ("from", Stored(from)), ("to", Stored(to)))
            : Command(connection, null, $"SELECT {UsageColumns} FROM usage WHERE tenant = @tenant AND hour >= @from AND hour < @to ORDER BY hour",
                ("tenant", tenant), ("from", Stored(from)), ("to", Stored(to)));
        using var reader = command.ExecuteReader();
        var rows = new List<UsageHour>();
        while (reader.Read())
        {
            rows.Add(new UsageHour(
                reader.GetString(0), Time(reader, 1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11),
                reader.GetInt64(12), reader.GetInt64(13)));
        }
        return rows;
    }
}
