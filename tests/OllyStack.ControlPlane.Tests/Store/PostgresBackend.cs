using Npgsql;
using OllyStack.ControlPlane.Store;
using OllyStack.Testing;

namespace OllyStack.ControlPlane.Tests.Store;

/// <summary>A database of the test's own on the shared test server.</summary>
internal sealed class PostgresBackend : StoreBackend
{
    private PostgresBackend(string database, string connectionString)
    {
        Database = database;
        ConnectionString = connectionString;
    }

    public string Database { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresBackend> CreateAsync(PostgresServer server)
    {
        var database = await server.CreateDatabaseAsync();
        return new PostgresBackend(database, server.ConnectionString(database));
    }

    public override IControlPlaneStore Open() => PostgresControlPlaneStore.Open(ConnectionString);

    public override void ExecuteRaw(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The first of the query's results.</summary>
    public T Scalar<T>(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    // The database stays until the server goes at the end of the run: dropping it would first have to close every pool.
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
