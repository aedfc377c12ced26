using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Store;

namespace OllyStack.ControlPlane.Tests;

/// <summary>A control plane over a real SQLite store in a directory of its own, with a clock the test sets.</summary>
internal sealed class ControlPlaneFixture : IAsyncDisposable
{
    private readonly TemporaryDirectory _data = new();

    public ControlPlaneFixture()
    {
        Store = SqliteControlPlaneStore.Open(_data.Path);
        Service = ControlPlaneService.Open(Store, Clock, identity: Identity);
    }

    /// <summary>Few PBKDF2 iterations, so tests that set many passwords stay fast; the format is the same.</summary>
    public static IdentityOptions Identity { get; } = new() { PasswordIterations = 1_000 };

    public static AuditActor Operator { get; } = new("key:key_operator", "default", "127.0.0.1");

    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    public string DataPath => _data.Path;

    public SqliteControlPlaneStore Store { get; private set; }

    public ControlPlaneService Service { get; private set; }

    /// <summary>Closes and opens the store and the control plane again, as a restart does.</summary>
    public async Task ReopenAsync()
    {
        await Service.DisposeAsync();
        Store.Dispose();
        Store = SqliteControlPlaneStore.Open(_data.Path);
        Service = ControlPlaneService.Open(Store, Clock, identity: Identity);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        Store.Dispose();
        _data.Dispose();
    }
}
