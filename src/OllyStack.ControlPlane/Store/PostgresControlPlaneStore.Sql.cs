using Npgsql;

namespace OllyStack.ControlPlane.Store;

/// <summary>Running parameterised SQL on pooled connections, and the conversions between stored and .NET values.</summary>
public sealed partial class PostgresControlPlaneStore
{
    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private static NpgsqlCommand Command(NpgsqlTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        Command(transaction.Connection!, transaction, sql, parameters);


    private static NpgsqlBatchCommand Statement(string sql, params (string Name, object? Value)[] parameters)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters) statement.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return statement;
    }

    /// <summary>Runs the statements in order in one transaction of their own, sent in one round trip.</summary>
    private void ExecuteBatch(IEnumerable<NpgsqlBatchCommand> statements)
    {
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        RunBatch(transaction, statements);
        transaction.Commit();
    }

    /// <summary>Runs the statements in order within <paramref name="transaction"/>, sent in one round trip.</summary>
    private static void RunBatch(NpgsqlTransaction transaction, IEnumerable<NpgsqlBatchCommand> statements)
    {
        using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var statement in statements) batch.BatchCommands.Add(statement);
        if (batch.BatchCommands.Count > 0) batch.ExecuteNonQuery();
    }

    private void ExecuteAlone(string sql, params (string Name, object? Value)[] parameters) => ExecuteBatch([Statement(sql, parameters)]);

    /// <summary>
    /// The time to the millisecond, in UTC: what the SQLite store keeps, so both stores read back alike (and Npgsql
    /// writes only offset-zero values to timestamptz).
    /// </summary>
    private static DateTimeOffset Stored(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static DateTimeOffset? Stored(DateTimeOffset? time) => time is { } value ? Stored(value) : null;

    private static DateTimeOffset Time(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
