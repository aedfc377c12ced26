using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Store;
using OllyStack.ControlPlane.Tenants;

namespace OllyStack.ControlPlane.Tests;

public sealed class KeyFileImportTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task KeysOfTheInterimKeyFileKeepWorkingAfterTheUpgrade()
    {
        const string secret = "olly_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        File.WriteAllText(_data.KeyFile, $$"""
            {"version":1,
             "tenants":[{"name":"default","created_at":"2026-01-01T00:00:00Z"},{"name":"shop","created_at":"2026-02-01T00:00:00Z"}],
             "keys":[
               {"id":"key_0000000000aa","tenant":"shop","name":"collector","scopes":["ingest"],"prefix":"olly_AAAAAAA","sha256":"{{KeyHash.Of(secret)}}","created_at":"2026-02-01T00:00:00Z","revoked_at":null},
               {"id":"key_0000000000bb","tenant":"shop","name":"old","scopes":["query"],"prefix":"olly_BBBBBBB","sha256":"{{KeyHash.Of("olly_x")}}","created_at":"2026-02-01T00:00:00Z","revoked_at":"2026-03-01T00:00:00Z"}]}
            """);
        using var store = SqliteControlPlaneStore.Open(_data.Path);

        var imported = KeyFileImport.Run(_data.Path, store, DateTimeOffset.UtcNow);
        await using var service = ControlPlaneService.Open(store);

        Assert.Equal(2, imported);
        Assert.Equal("shop", service.Authenticate(secret)?.Tenant);
        Assert.Null(service.Authenticate("olly_x"));
        Assert.Equal(Plans.Enterprise, service.FindTenant("shop")!.Plan);
        Assert.False(File.Exists(_data.KeyFile));
        Assert.True(File.Exists(_data.KeyFile + ".imported"));
        Assert.Equal(0, KeyFileImport.Run(_data.Path, store, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void ACorruptKeyFileIsReportedWithItsPathAndLeftAlone()
    {
        File.WriteAllText(_data.KeyFile, "{\"tenants\":");
        using var store = SqliteControlPlaneStore.Open(_data.Path);

        var error = Assert.Throws<InvalidDataException>(() => KeyFileImport.Run(_data.Path, store, DateTimeOffset.UtcNow));

        Assert.Contains(_data.KeyFile, error.Message);
        Assert.True(File.Exists(_data.KeyFile));
        Assert.Empty(store.Load().Keys);
    }
}
