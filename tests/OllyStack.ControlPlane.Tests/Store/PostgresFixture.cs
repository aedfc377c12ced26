using OllyStack.Testing;

namespace OllyStack.ControlPlane.Tests.Store;

/// <summary>The test server of <see cref="PostgresCollection"/>: started when a test first asks for it, stopped after the last.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private PostgresServer? _server;

    internal async Task<PostgresServer> ServerAsync()
    {
        await _starting.WaitAsync();
        try
        {
            return _server ??= await PostgresServer.StartAsync();
        }
        finally
        {
            _starting.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _starting.Dispose();
    }
}
