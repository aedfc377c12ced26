using Microsoft.Data.Sqlite;
using OllyStack.ControlPlane.Store;

namespace OllyStack.ControlPlane.Tests.Store;

/// <summary>The embedded database: <c>controlplane.db</c> in a data folder of the test's own.</summary>
internal sealed class SqliteBackend : StoreBackend
{
    private readonly TemporaryDirectory _data = new();

    public override IControlPlaneStore Open() => SqliteControlPlaneStore.Open(_data.Path);

    public override void ExecuteRaw(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, SqliteControlPlaneStore.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public override ValueTask DisposeAsync()
    {
        _data.Dispose();
        return ValueTask.CompletedTask;
    }
}
