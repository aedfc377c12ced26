using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OllyStack.ControlPlane.Keys;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Tests;

public sealed class FileApiKeyStoreTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 8, 30, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory data = new();
    private readonly FixedClock clock = new(Created);

    public void Dispose() => data.Dispose();

    private FileApiKeyStore Open() => FileApiKeyStore.Open(data.Path, clock);

    [Fact]
    public void CreatedKeyAuthenticatesAsItsTenantWithItsScopes()
    {
        var store = Open();

        var created = store.Create("acme", "collector", KeyScopes.Ingest | KeyScopes.Query);
        var principal = store.Authenticate(created.Key);

        Assert.NotNull(principal);
        Assert.Equal(new Principal("acme", created.Info.Id, KeyScopes.Ingest | KeyScopes.Query), principal);
        Assert.Equal(new ApiKeyInfo(created.Info.Id, "acme", "collector", KeyScopes.Ingest | KeyScopes.Query, created.Key[..12], Created, null), created.Info);
    }

    [Fact]
    public void KeysHaveTheDocumentedShape()
    {
        var store = Open();

        var created = store.Create("default", "ci", KeyScopes.Ingest);

        Assert.Matches("^olly_[A-Za-z0-9_-]{43}$", created.Key);
        Assert.Matches("^key_[0-9a-f]{12}$", created.Info.Id);
        Assert.Equal(created.Key[..12], created.Info.Prefix);
        Assert.NotEqual(created.Key, store.Create("default", "ci", KeyScopes.Ingest).Key);
    }

    [Fact]
    public void KeyFileHoldsTheSha256OfTheKeyButNeverTheKey()
    {
        var store = Open();
        var created = store.Create("acme", "collector", KeyScopes.Ingest);

        var text = File.ReadAllText(data.KeyFile);

        Assert.DoesNotContain(created.Key, text);
        Assert.DoesNotContain(created.Key[ApiKeyFormat.Prefix.Length..], text);
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Key)));
        using var document = JsonDocument.Parse(text);
        var entry = Assert.Single(document.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(expectedHash, entry.GetProperty("sha256").GetString());
        Assert.Equal(created.Info.Id, entry.GetProperty("id").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void KeyFileIsReadableAndWritableOnlyByItsOwner()
    {
        var store = Open();
        var created = store.Create("acme", "collector", KeyScopes.Ingest);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(data.KeyFile));

        store.Revoke(created.Info.Id);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(data.KeyFile));
        Assert.Equal(["keys.json"], Directory.GetFiles(data.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ReopenedStoreKeepsKeysAndTenants()
    {
        var first = Open();
        var ingest = first.Create("acme", "collector", KeyScopes.Ingest);
        var admin = first.Create("globex", "operator", KeyScopes.All);

        var reopened = Open();

        Assert.Equal(new Principal("acme", ingest.Info.Id, KeyScopes.Ingest), reopened.Authenticate(ingest.Key));
        Assert.Equal(new Principal("globex", admin.Info.Id, KeyScopes.All), reopened.Authenticate(admin.Key));
        Assert.Equal(["default", "acme", "globex"], reopened.Tenants);
        Assert.Equal([ingest.Info, admin.Info], reopened.List());
        Assert.True(reopened.HasAnyKey);
    }

    [Fact]
    public void RevokedKeyNoLongerAuthenticates()
    {
        var store = Open();
        var revoked = store.Create("acme", "old", KeyScopes.Ingest);
        var kept = store.Create("acme", "new", KeyScopes.Ingest);
        clock.Now = Created.AddHours(1);

        Assert.True(store.Revoke(revoked.Info.Id));

        Assert.Null(store.Authenticate(revoked.Key));
        Assert.NotNull(store.Authenticate(kept.Key));
        Assert.Equal(Created.AddHours(1), store.List().Single(k => k.Id == revoked.Info.Id).RevokedAt);
    }

    [Fact]
    public void RevocationSurvivesReopen()
    {
        var store = Open();
        var revoked = store.Create("acme", "old", KeyScopes.Ingest);
        store.Revoke(revoked.Info.Id);

        var reopened = Open();

        Assert.Null(reopened.Authenticate(revoked.Key));
        Assert.Equal(Created, reopened.List().Single().RevokedAt);
    }

    [Fact]
    public void RevokingAgainKeepsTheFirstRevocationTime()
    {
        var store = Open();
        var key = store.Create("acme", "old", KeyScopes.Ingest);
        store.Revoke(key.Info.Id);
        clock.Now = Created.AddDays(1);

        Assert.True(store.Revoke(key.Info.Id));

        Assert.Equal(Created, store.List().Single().RevokedAt);
    }

    [Fact]
    public void RevokingAnUnknownIdChangesNothing()
    {
        var store = Open();
        var key = store.Create("acme", "collector", KeyScopes.Ingest);

        Assert.False(store.Revoke("key_000000000000"));

        Assert.NotNull(store.Authenticate(key.Key));
    }

    [Fact]
    public void UnknownKeysDoNotAuthenticate()
    {
        var store = Open();
        var key = store.Create("acme", "collector", KeyScopes.All).Key;
        var secret = key[ApiKeyFormat.Prefix.Length..];
        string[] presented =
        [
            "", "olly_", ApiKeyFormat.NewKey(), secret, "OLLY_" + secret, "olly-" + secret, key + " ", " " + key,
            key[..^1] + (key[^1] == 'A' ? 'B' : 'A'), key[..^1], "Bearer " + key,
        ];

        foreach (var candidate in presented)
            Assert.True(store.Authenticate(candidate) is null, $"'{candidate}' authenticated");
        Assert.NotNull(store.Authenticate(key));
    }

    [Fact]
    public void AKeyHashOfAStringWithoutThePrefixNeverAuthenticates()
    {
        // A key file edited by hand to hold the hash of a non-key must not let that string in.
        var store = Open();
        store.Create("acme", "collector", KeyScopes.Ingest);
        var text = File.ReadAllText(data.KeyFile);
        using var document = JsonDocument.Parse(text);
        var hash = document.RootElement.GetProperty("keys")[0].GetProperty("sha256").GetString()!;
        File.WriteAllText(data.KeyFile, text.Replace(hash, KeyHash.Of("letmein").ToString()));

        var reopened = Open();

        Assert.Null(reopened.Authenticate("letmein"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Acme")]
    [InlineData("acme prod")]
    [InlineData("../escape")]
    [InlineData("a-tenant-name-that-is-far-too-long-to-be-accepted-as-a-tenant-name")]
    public void InvalidTenantNamesAreRefused(string tenant)
    {
        var store = Open();

        var error = Assert.Throws<ArgumentException>(() => store.Create(tenant, "collector", KeyScopes.Ingest));

        Assert.Contains("tenant name", error.Message);
        Assert.False(store.HasAnyKey);
        Assert.Equal(["default"], store.Tenants);
    }

    [Fact]
    public void KeyWithoutScopesIsRefused()
    {
        var store = Open();

        var error = Assert.Throws<ArgumentException>(() => store.Create("acme", "nothing", KeyScopes.None));

        Assert.Contains("scope", error.Message);
        Assert.False(store.HasAnyKey);
        Assert.Equal(["default"], Open().Tenants);
    }

    [Fact]
    public void FreshStoreHasTheDefaultTenantAndNoKeys()
    {
        var store = Open();

        Assert.Equal(["default"], store.Tenants);
        Assert.False(store.HasAnyKey);
        Assert.Empty(store.List());
        Assert.Equal(["default"], Open().Tenants);
    }

    [Fact]
    public void StoreCreatesAMissingDataDirectory()
    {
        var nested = Path.Combine(data.Path, "a", "b");

        var store = FileApiKeyStore.Open(nested, clock);
        store.Create("default", "ci", KeyScopes.Ingest);

        Assert.True(File.Exists(Path.Combine(nested, "keys.json")));
    }

    [Fact]
    public void TenantsAreAddedOnceByTheirFirstKey()
    {
        var store = Open();

        store.Create("acme", "one", KeyScopes.Ingest);
        store.Create("acme", "two", KeyScopes.Query);
        store.Create("default", "three", KeyScopes.Admin);

        Assert.Equal(["default", "acme"], store.Tenants);
    }

    [Fact]
    public void ListCanBeLimitedToOneTenant()
    {
        var store = Open();
        var acme = store.Create("acme", "one", KeyScopes.Ingest);
        store.Create("globex", "two", KeyScopes.Ingest);

        Assert.Equal([acme.Info], store.List("acme"));
        Assert.Equal(2, store.List().Count);
        Assert.Empty(store.List("initech"));
    }

    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"version\":1,\"tenants\":[],\"keys\":[{\"id\":\"key_1\",\"sha256\":\"not-hex\"}]}")]
    [InlineData("{\"version\":1,\"tenants\":[],\"keys\":[{\"id\":\"key_1\",\"sha256\":\"abcd\"}]}")]
    [InlineData("{\"version\":1,\"tenants\":null,\"keys\":[]}")]
    [InlineData("{\"version\":1,\"tenants\":[],\"keys\":[{\"id\":\"key_1\",\"sha256\":null}]}")]
    [InlineData("{\"version\":1,\"tenants\":[],\"keys\":[null]}")]
    [InlineData("{\"version\":1,\"tenants\":[null],\"keys\":[]}")]
    public void CorruptKeyFileIsReportedWithItsPath(string content)
    {
        File.WriteAllText(data.KeyFile, content);

        var error = Assert.Throws<InvalidDataException>(() => Open());

        Assert.Contains(data.KeyFile, error.Message);
    }

    [Fact]
    public void TruncatedKeyFileIsReportedWithItsPath()
    {
        Open().Create("acme", "collector", KeyScopes.Ingest);
        var bytes = File.ReadAllBytes(data.KeyFile);
        File.WriteAllBytes(data.KeyFile, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => Open());

        Assert.Contains(data.KeyFile, error.Message);
    }
}
