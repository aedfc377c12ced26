namespace OllyStack.ControlPlane.Tests.Store;

[Collection(PostgresCollection.Name)]
public sealed class PostgresControlPlaneStoreContract(PostgresFixture postgres) : ControlPlaneStoreContract
{
    protected override async Task<StoreBackend> CreateBackendAsync() => await PostgresBackend.CreateAsync(await postgres.ServerAsync());
}
