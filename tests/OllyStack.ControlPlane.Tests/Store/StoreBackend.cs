using OllyStack.ControlPlane.Store;

namespace OllyStack.ControlPlane.Tests.Store;

/// <summary>One empty control-plane database for one test, which any number of stores (nodes) can open.</summary>
public abstract class StoreBackend : IAsyncDisposable
{
    /// <summary>A new store over the database, as a node (or a restarted node) opens it.</summary>
    public abstract IControlPlaneStore Open();

    /// <summary>Runs SQL on the database past the store, as someone with a database client would.</summary>
    public abstract void ExecuteRaw(string sql);

    public abstract ValueTask DisposeAsync();
}
