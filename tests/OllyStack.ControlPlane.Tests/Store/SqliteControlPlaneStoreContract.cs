namespace OllyStack.ControlPlane.Tests.Store;

public sealed class SqliteControlPlaneStoreContract : ControlPlaneStoreContract
{
    protected override Task<StoreBackend> CreateBackendAsync() => Task.FromResult<StoreBackend>(new SqliteBackend());
}
