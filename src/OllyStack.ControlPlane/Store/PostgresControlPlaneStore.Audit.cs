using System.Text;
using Npgsql;
using OllyStack.ControlPlane.Audit;

namespace OllyStack.ControlPlane.Store;

/// <summary>
/// The audit log in the <c>audit</c> table: one hash chain however many nodes append. A trigger refuses every
/// UPDATE, DELETE and TRUNCATE of it.
/// </summary>
public sealed partial class PostgresControlPlaneStore
{
    /// <summary>
    /// Held from the start of every transaction that appends to the audit log until it ends. Each entry's hash covers
    /// its predecessor's, so appends of all nodes must run one at a time, each reading the head its predecessor left;
    /// taking this lock first makes commits wait for one another instead of deadlocking on the rows they write.
    /// </summary>
    public const long AuditChainLock = 0x6F6C_6C79_0000_0002;

    private const string AuditColumns = "seq, time, actor, actor_tenant, source, tenant, action, target, outcome, before, after, hash";

    public IReadOnlyList<AuditEntry> ReadAudit(AuditQuery query)
    {
        var sql = new StringBuilder($"SELECT {AuditColumns} FROM audit WHERE seq > @after");
        var parameters = new List<(string, object?)> { ("after", query.AfterSequence), ("limit", query.Limit) };
        if (query.Tenant is not null) Filter(sql, parameters, "tenant = @tenant", ("tenant", query.Tenant));
        if (query.From is not null) Filter(sql, parameters, "time >= @from", ("from", Stored(query.From)));
        if (query.To is not null) Filter(sql, parameters, "time <= @to", ("to", Stored(query.To)));
        if (query.Action is not null) Filter(sql, parameters, "action = @action", ("action", query.Action));
        sql.Append(" ORDER BY seq LIMIT @limit");
        using var connection = _source.OpenConnection();
        using var command = Command(connection, null, sql.ToString(), [.. parameters]);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0), Time(reader, 1), reader.GetString(2), reader.GetString(3), NullableString(reader, 4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), NullableString(reader, 9),
                NullableString(reader, 10), reader.GetFieldValue<byte[]>(11)));
        }
        return entries;
    }

    public long LastAuditSequence()
    {
        using var connection = _source.OpenConnection();
        using var command = Command(connection, null, "SELECT coalesce(max(seq), 0) FROM audit");
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Takes <see cref="AuditChainLock"/> and reads the chain's head in one round trip. Each statement of a batch sees
    /// what was committed before it started, so the head read after the lock is the one the previous holder left.
    /// </summary>
    private static AuditHead LockAuditChain(NpgsqlTransaction transaction)
    {
        using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands = { Statement($"SELECT pg_advisory_xact_lock({AuditChainLock})"), Statement("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1") },
        };
        using var reader = batch.ExecuteReader();
        reader.NextResult();
        return reader.Read() ? new AuditHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : new AuditHead(0, AuditChain.Genesis.ToArray());
    }

    /// <summary>The entries after <paramref name="head"/>, each hashed over its predecessor; valid while the caller holds <see cref="AuditChainLock"/>.</summary>
    private static IEnumerable<NpgsqlBatchCommand> AuditInserts(IReadOnlyList<(AuditEvent Event, DateTimeOffset Time)> audit, AuditHead head)
    {
        var (sequence, previous) = head;
        foreach (var (e, time) in audit)
        {
            var entry = AuditEntry.Of(e, ++sequence, Stored(time), previous);
            yield return Statement($"INSERT INTO audit ({AuditColumns}) VALUES (@seq, @time, @actor, @actorTenant, @source, @tenant, @action, @target, @outcome, @before, @after, @hash)",
                ("seq", entry.Sequence), ("time", entry.Time), ("actor", entry.Actor), ("actorTenant", entry.ActorTenant), ("source", entry.Source),
                ("tenant", entry.Tenant), ("action", entry.Action), ("target", entry.Target), ("outcome", entry.Outcome), ("before", entry.Before),
                ("after", entry.After), ("hash", entry.Hash));
            previous = entry.Hash;
        }
    }

    private readonly record struct AuditHead(long Sequence, byte[] Hash);

    private static void Filter(StringBuilder sql, List<(string, object?)> parameters, string condition, (string, object?) parameter)
    {
        sql.Append(" AND ").Append(condition);
        parameters.Add(parameter);
    }
}
